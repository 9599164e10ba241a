package io.hfhub.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

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
        Files.createDirectories(ref.getParent());
        writeAtomically(ref, commit.value());
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
        Files.createDirectories(pointer.getParent());
        if (symlinks) {
            Path target = Path.of(RepoCache.relativeBlobTarget(path, etag));
            try {
                Files.createSymbolicLink(pointer, target); // the common case: one system call
            } catch (FileAlreadyExistsException e) {
                // replace an existing pointer atomically: readers see the old link or the new one, never none
                Path tmp = pointer.resolveSibling("." + pointer.getFileName() + "." + shortId() + ".tmp");
                Files.createSymbolicLink(tmp, target);
                Files.move(tmp, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } else if (newlyDownloaded) {
            Files.move(blob, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Path tmp = pointer.resolveSibling("." + pointer.getFileName() + "." + shortId() + ".tmp");
            Files.copy(blob, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, pointer, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return pointer;
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

    private static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + "." + shortId() + ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
