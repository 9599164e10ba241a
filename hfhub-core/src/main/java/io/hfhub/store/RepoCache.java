package io.hfhub.store;

import java.nio.file.Path;

/**
 * The paths of one repository's folder in the cache. Every name that becomes part of a path is a validated value
 * ({@link CommitHash}, {@link BlobName}, {@link Revision}, {@link RepoFilePath}), so no string from a server, a
 * listing or the cache folder can reach the filesystem unchecked. Revision names and repo paths use {@code /} as
 * separator and become nested folders ({@code refs/refs/pr/1}).
 */
public record RepoCache(Path folder, Path lockFolder) {

    public Path blobs() {
        return folder.resolve("blobs");
    }

    public Path blob(BlobName name) {
        return blobs().resolve(name.value());
    }

    /** The partial file of a blob being downloaded. */
    public Path incomplete(BlobName name) {
        return blobs().resolve(name.value() + ".incomplete");
    }

    public Path refs() {
        return folder.resolve("refs");
    }

    public Path ref(Revision revision) {
        return refs().resolve(revision.value());
    }

    public Path snapshots() {
        return folder.resolve("snapshots");
    }

    public Path snapshot(CommitHash commit) {
        return snapshots().resolve(commit.value());
    }

    public Path snapshotFile(CommitHash commit, RepoFilePath repoPath) {
        return snapshot(commit).resolve(repoPath.value());
    }

    public Path noExist(CommitHash commit, RepoFilePath repoPath) {
        return folder.resolve(".no_exist").resolve(commit.value()).resolve(repoPath.value());
    }

    public Path tree(CommitHash commit) {
        return folder.resolve("trees").resolve(commit.value() + ".json");
    }

    /** {@code extracted/<first 8 hex of the blob's sha256>}. */
    public Path extracted(BlobName sha256) {
        if (!sha256.isSha256()) {
            throw new IllegalArgumentException("an extraction folder is named by a sha256, not " + sha256);
        }
        return folder.resolve("extracted").resolve(sha256.value().substring(0, 8));
    }

    public Path lock(BlobName name) {
        return lockFolder.resolve(name.value() + ".lock");
    }

    /**
     * The relative symlink target from {@code snapshots/<commit>/<path>} to {@code blobs/<etag>}: one
     * {@code ../} per folder level, as the Python client writes it.
     */
    public static String relativeBlobTarget(RepoFilePath repoPath, BlobName blob) {
        return "../".repeat(2 + repoPath.depth()) + "blobs/" + blob.value(); // 2: snapshots/<commit>/
    }
}
