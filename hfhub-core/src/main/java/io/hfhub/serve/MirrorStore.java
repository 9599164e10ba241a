package io.hfhub.serve;

import io.hfhub.RepoId;
import io.hfhub.RepoType;
import io.hfhub.store.BlobHash;
import io.hfhub.store.CacheLayout;
import io.hfhub.store.CacheWriter;
import io.hfhub.store.CommitHash;
import io.hfhub.store.RepoCache;
import io.hfhub.store.Revision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Read-only access to the cache for the mirror. It is the security boundary: every file it hands out has a
 * real path (symlinks resolved) inside the repository's own {@code blobs/} folder, or, for the no-symlink
 * layout, inside the snapshot folder itself, and both lie inside the real cache root. Anything else is
 * answered as missing, never read.
 */
public final class MirrorStore {

    private final CacheLayout layout;
    private final Path realRoot;
    private final EtagOracle etags = new EtagOracle();

    /** The store of {@code cacheDir}, an existing folder whose real path bounds every file served. */
    public MirrorStore(Path cacheDir) throws IOException {
        this.realRoot = cacheDir.toRealPath();
        this.layout = new CacheLayout(realRoot);
    }

    /** The cache folder, symlinks resolved. */
    public Path root() {
        return realRoot;
    }

    /** Resolves a ref name or a cached commit to a snapshot, or throws the Hub's 404. */
    Snapshot snapshot(RepoType type, RepoId repoId, String revision) {
        RepoCache repo = layout.repo(type, repoId);
        String label = type.urlPrefix() + repoId;
        Path realFolder = inside(repo.folder());
        if (realFolder == null || !Files.isDirectory(realFolder)) {
            throw HubError.repoNotFound(label);
        }
        Path realBlobs = inside(repo.blobs()); // null for a repo cached without symlinks
        Revision parsed = Revision.parse(revision).orElseThrow(() -> HubError.revisionNotFound(label, revision));
        Optional<CommitHash> commit = parsed.asCommit().filter(c -> Files.isDirectory(repo.snapshot(c)))
                .or(() -> readRef(repo, parsed));
        Path folder = commit.map(c -> inside(repo.snapshot(c))).orElse(null);
        if (folder == null || !Files.isDirectory(folder)) {
            throw HubError.revisionNotFound(label, revision);
        }
        return new Snapshot(type, repoId, commit.get().value(), folder, realBlobs);
    }

    /** The file at {@code path} of a snapshot, or EntryNotFound when it is missing or leads out of bounds. */
    ServedFile file(Snapshot snapshot, String path) {
        Path entry = snapshot.folder().resolve(path);
        ServedFile file = Files.exists(entry, LinkOption.NOFOLLOW_LINKS) ? served(snapshot, path, entry) : null;
        if (file == null) {
            throw HubError.entryNotFound(path, snapshot.commit());
        }
        return file;
    }

    /** Entries under {@code folder} of a snapshot (the root when empty), sorted by path. */
    List<TreeEntry> list(Snapshot snapshot, String folder, boolean recursive) {
        List<TreeEntry> entries = new ArrayList<>();
        walk(snapshot, folder, recursive).forEach((repoPath, p) -> {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                entries.add(TreeEntry.directory(repoPath, snapshot.commit()));
            } else {
                ServedFile file = served(snapshot, repoPath, p);
                if (file != null) { // broken or out-of-bounds links are not part of what the mirror serves
                    entries.add(TreeEntry.file(file));
                }
            }
        });
        return entries;
    }

    /** The tree entry of one path (a file or a folder) of a snapshot; empty when it is missing or out of bounds. */
    Optional<TreeEntry> entry(Snapshot snapshot, String path) {
        Path entry = snapshot.folder().resolve(path);
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            Path real = realPathOrNull(entry);
            return real != null && real.startsWith(snapshot.folder())
                    ? Optional.of(TreeEntry.directory(path, snapshot.commit())) : Optional.empty();
        }
        ServedFile file = Files.exists(entry, LinkOption.NOFOLLOW_LINKS) ? served(snapshot, path, entry) : null;
        return file == null ? Optional.empty() : Optional.of(TreeEntry.file(file));
    }

    /**
     * The paths of every file a snapshot serves, sorted, for repo info: unlike {@link #list} it needs no
     * etags, so the no-symlink layout's files are not read to hash them.
     */
    List<String> filePaths(Snapshot snapshot) {
        List<String> files = new ArrayList<>();
        walk(snapshot, "", true).forEach((repoPath, p) -> {
            if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && servable(snapshot, p) != null) {
                files.add(repoPath);
            }
        });
        return files;
    }

    /** The sha256 etags computed so far for the no-symlink layout (each one reads a whole file). */
    long etagsComputed() {
        return etags.computed();
    }

    /** Everything under {@code folder} of a snapshot, by repository path, sorted; folders are not followed. */
    private Map<String, Path> walk(Snapshot snapshot, String folder, boolean recursive) {
        Path start = folder.isEmpty() ? snapshot.folder() : snapshot.folder().resolve(folder);
        // NOFOLLOW only covers the last name: a linked folder earlier in the path (ext -> /etc, then
        // ext/ssh) is caught by the real path, which must stay inside the (real) snapshot folder.
        Path realStart = Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS) ? realPathOrNull(start) : null;
        if (realStart == null || !realStart.startsWith(snapshot.folder())) {
            throw HubError.entryNotFound(folder, snapshot.commit());
        }
        // Files.walk does not follow links, so a linked folder below is never entered; its entry is then
        // dropped by served(), as it is no regular file.
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(realStart, recursive ? Integer.MAX_VALUE : 1)) {
            paths = walk.filter(p -> !p.equals(realStart)).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path prefix = snapshot.folder().relativize(start); // as asked, not as resolved
        Map<String, Path> byRepoPath = new LinkedHashMap<>();
        for (Path p : paths) {
            String separator = p.getFileSystem().getSeparator();
            byRepoPath.put(prefix.resolve(realStart.relativize(p)).toString().replace(separator, "/"), p);
        }
        return byRepoPath;
    }

    private ServedFile served(Snapshot snapshot, String path, Path entry) {
        Path real = servable(snapshot, entry);
        if (real == null) {
            return null;
        }
        try {
            String etag = isBlob(snapshot, real) ? real.getFileName().toString() : etags.etag(real); // no-symlink layout
            return new ServedFile(path, real, etag, Files.size(real));
        } catch (IOException e) {
            return null; // unreadable: not served
        }
    }

    /** The real path of the regular file at {@code entry} if the mirror may serve it, else null. */
    private static Path servable(Snapshot snapshot, Path entry) {
        try {
            Path real = entry.toRealPath();
            if (!Files.isRegularFile(real)) {
                return null;
            }
            if (isBlob(snapshot, real)) {
                // Blob names go into headers: only the two hash forms are trusted.
                return BlobHash.forEtag(real.getFileName().toString()).isPresent() ? real : null;
            }
            return real.startsWith(snapshot.folder()) ? real : null; // a link leading anywhere else: refused
        } catch (IOException e) {
            return null; // broken link or unreadable: not served
        }
    }

    private static boolean isBlob(Snapshot snapshot, Path real) {
        return snapshot.realBlobs() != null && snapshot.realBlobs().equals(real.getParent());
    }

    /** The ref's commit, read only when the ref file really is inside the cache (not a link out of it). */
    private Optional<CommitHash> readRef(RepoCache repo, Revision revision) {
        return inside(repo.ref(revision)) == null ? Optional.empty() : CacheWriter.readRef(repo, revision);
    }

    private static Path realPathOrNull(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }

    /** The real path of {@code path} if it exists inside the real cache root, else null. */
    private Path inside(Path path) {
        try {
            Path real = path.toRealPath();
            return real.startsWith(realRoot) ? real : null;
        } catch (IOException e) {
            return null;
        }
    }
}
