package io.hfhub.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The few writes that publish into a repo's cache folder, each atomic: refs (temp file + rename, rewritten only
 * when they change), snapshot pointers (relative symlinks, or moved/copied files where symlinks are not
 * possible) and {@code .no_exist} markers.
 */
public final class CacheWriter {
    private final RepoCache repo;
    private final boolean symlinks;

    public CacheWriter(RepoCache repo, boolean symlinks) {
        this.repo = repo;
        this.symlinks = symlinks;
    }

    /** Records that {@code revision} points to {@code commit}, unless it already says so or is the commit. */
    public void writeRef(Revision revision, CommitHash commit) throws IOException {
        if (revision.value().equals(commit.value())) {
            return;
        }
        Path ref = repo.ref(revision);
        if (readRef(repo, revision).filter(commit::equals).isPresent()) {
            return;
        }
        Folders.ensure(ref.getParent());
        AtomicFiles.write(ref, commit.value().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The commit {@code revision} pointed to when last resolved; empty when there is no ref or when the file does not
     * hold a commit id (the cache folder is untrusted: a ref saying {@code ../x} is no ref).
     */
    public static Optional<CommitHash> readRef(RepoCache repo, Revision revision) {
        try {
            Path ref = repo.ref(revision);
            if (!Files.isRegularFile(ref) || Files.size(ref) > 1024) {
                return Optional.empty();
            }
            return CommitHash.parse(Files.readString(ref, StandardCharsets.UTF_8).trim());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Makes {@code snapshots/<commit>/<path>} point to the blob. Without symlinks the Python client moves a
     * newly downloaded blob into the snapshot and copies an existing one (other snapshots may still use it).
     */
    public Path linkSnapshot(CommitHash commit, RepoFilePath path, BlobName etag, boolean newlyDownloaded) throws IOException {
        Path pointer = repo.snapshotFile(commit, path);
        Path blob = repo.blob(etag);
        createParents(pointer, path);
        if (symlinks) {
            Path target = Path.of(RepoCache.relativeBlobTarget(path, etag));
            try {
                // the common case: one system call, and no check before it (NIO's check of a missing path throws)
                Files.createSymbolicLink(pointer, target);
            } catch (FileAlreadyExistsException e) {
                if (Files.isDirectory(pointer, LinkOption.NOFOLLOW_LINKS)) {
                    throw fileAndFolder(path);
                }
                // replace an existing pointer atomically: readers see the old link or the new one, never none
                Path tmp = TempNames.beside(pointer);
                try {
                    Files.createSymbolicLink(tmp, target);
                    Files.move(tmp, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        } else if (Files.isDirectory(pointer, LinkOption.NOFOLLOW_LINKS)) {
            throw fileAndFolder(path);
        } else if (newlyDownloaded) {
            Files.move(blob, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Path tmp = TempNames.beside(pointer);
            try {
                Files.copy(blob, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return pointer;
    }

    /** Creates the folders above a snapshot entry; one of them being a file means the tree is inconsistent. */
    private static void createParents(Path pointer, RepoFilePath path) throws IOException {
        try {
            Folders.ensure(pointer.getParent());
        } catch (FileAlreadyExistsException e) {
            throw fileAndFolder(path);
        }
    }

    /**
     * A repository tree listing one name both as a file and as a folder ({@code x} and {@code x/y}) cannot be
     * laid out on any file system; the Hub never serves such a tree, so say so rather than show a bare path.
     */
    private static IOException fileAndFolder(RepoFilePath path) {
        return new IOException("the repository lists '" + path + "' (or a folder above it) both as a file and as a"
                + " folder; a file system cannot hold both, so it was not linked into the snapshot");
    }

    /** Marks {@code path} as known missing at {@code commit} (404 {@code EntryNotFound}). */
    public void markMissing(CommitHash commit, RepoFilePath path) throws IOException {
        Path marker = repo.noExist(commit, path);
        Files.createDirectories(marker.getParent());
        try {
            Files.createFile(marker);
        } catch (FileAlreadyExistsException ignored) {
            // already known missing
        }
    }
}
