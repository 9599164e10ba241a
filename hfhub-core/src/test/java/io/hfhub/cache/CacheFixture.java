package io.hfhub.cache;

import io.hfhub.RepoId;
import io.hfhub.RepoType;
import io.hfhub.store.BlobHash;
import io.hfhub.store.BlobName;
import io.hfhub.store.CacheLayout;
import io.hfhub.store.CommitHash;
import io.hfhub.store.RepoCache;
import io.hfhub.store.RepoFilePath;
import io.hfhub.store.Revision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Builds cache trees on disk the way the Python client writes them: blobs named by their real hash,
 * relative snapshot symlinks, refs without newline. Test-only.
 */
public final class CacheFixture {
    private final Path root;

    public CacheFixture(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Repo model(String id) {
        return repo(RepoType.MODEL, id);
    }

    public Repo repo(RepoType type, String id) {
        return new Repo(new CacheLayout(root).repo(type, RepoId.of(id)));
    }

    /** A 40-hex commit hash derived from a label, so tests read {@code commit("v1")}. */
    public static String commit(String label) {
        return BlobHash.GIT_SHA1.of(label.getBytes(StandardCharsets.UTF_8));
    }

    public static void setMtime(Path path, Instant time) {
        try {
            Files.setLastModifiedTime(path, FileTime.from(time));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One repository folder. */
    public static final class Repo {
        private final RepoCache paths;

        Repo(RepoCache paths) {
            this.paths = paths;
        }

        public RepoCache paths() {
            return paths;
        }

        public Path folder() {
            return paths.folder();
        }

        /** A regular git file: blob named by its git blob sha1. Returns the etag. */
        public String file(String commit, String repoPath, String content) {
            return link(commit, repoPath, content.getBytes(StandardCharsets.UTF_8), BlobHash.GIT_SHA1);
        }

        /** An LFS file: blob named by its sha256. Returns the etag. */
        public String lfsFile(String commit, String repoPath, byte[] content) {
            return link(commit, repoPath, content, BlobHash.SHA256);
        }

        /** A real file in the snapshot, as written with {@code HF_HUB_DISABLE_SYMLINKS=1}. */
        public Path realFile(String commit, String repoPath, String content) {
            Path file = paths.snapshotFile(CommitHash.of(commit), RepoFilePath.of(repoPath));
            write(file, content.getBytes(StandardCharsets.UTF_8));
            return file;
        }

        /** A relative symlink at {@code snapshots/<commit>/<repoPath>} with an arbitrary target. */
        public Path symlink(String commit, String repoPath, String target) {
            Path link = paths.snapshotFile(CommitHash.of(commit), RepoFilePath.of(repoPath));
            try {
                Files.createDirectories(link.getParent());
                return Files.createSymbolicLink(link, Paths.get(target));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Repo ref(String name, String commit) {
            write(paths.ref(Revision.of(name)), commit.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        public Path emptySnapshot(String commit) {
            try {
                return Files.createDirectories(paths.snapshot(CommitHash.of(commit)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A partial download with an optional resume state (null for none). */
        public Path partial(String etag, int bytes, String stateJson) {
            Path partial = paths.blobs().resolve(etag + ".incomplete"); // any name a client may leave
            write(partial, new byte[bytes]);
            if (stateJson != null) {
                write(partial.resolveSibling(partial.getFileName() + ".json"), stateJson.getBytes(StandardCharsets.UTF_8));
            }
            return partial;
        }

        public Path lockFile(String etag) {
            Path lock = paths.lock(BlobName.of(etag));
            write(lock, new byte[0]);
            return lock;
        }

        private String link(String commit, String repoPath, byte[] content, BlobHash hash) {
            String etag = hash.of(content);
            Path blob = paths.blob(BlobName.of(etag));
            if (!Files.exists(blob)) {
                write(blob, content);
            }
            symlink(commit, repoPath, RepoCache.relativeBlobTarget(RepoFilePath.of(repoPath), BlobName.of(etag)));
            return etag;
        }
    }

    static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
