package io.hfhub.cache;

import java.nio.file.Path;

/**
 * The paths of one repository's folder in the cache. Revision names and repo paths use {@code /} as
 * separator and become nested folders ({@code refs/refs/pr/1}). Callers must have validated repo paths with
 * {@link RepoPaths#requireSafe} before they get here.
 */
public record RepoCache(Path folder, Path lockFolder) {

    public Path blobs() {
        return folder.resolve("blobs");
    }

    public Path blob(String etag) {
        return blobs().resolve(etag);
    }

    /** The partial file of a blob being downloaded. */
    public Path incomplete(String etag) {
        return blobs().resolve(etag + ".incomplete");
    }

    public Path refs() {
        return folder.resolve("refs");
    }

    public Path ref(String revision) {
        return refs().resolve(revision);
    }

    public Path snapshots() {
        return folder.resolve("snapshots");
    }

    public Path snapshot(String commit) {
        return snapshots().resolve(commit);
    }

    public Path snapshotFile(String commit, String repoPath) {
        return snapshot(commit).resolve(repoPath);
    }

    public Path noExist(String commit, String repoPath) {
        return folder.resolve(".no_exist").resolve(commit).resolve(repoPath);
    }

    public Path tree(String commit) {
        return folder.resolve("trees").resolve(commit + ".json");
    }

    /** {@code extracted/<first 8 hex of the blob's sha256>}. */
    public Path extracted(String sha256) {
        return folder.resolve("extracted").resolve(sha256.substring(0, 8));
    }

    public Path lock(String etag) {
        return lockFolder.resolve(etag + ".lock");
    }

    /**
     * The relative symlink target from {@code snapshots/<commit>/<path>} to {@code blobs/<etag>}: one
     * {@code ../} per folder level, as the Python client writes it.
     */
    public static String relativeBlobTarget(String repoPath, String etag) {
        int depth = 2; // snapshots/<commit>/
        for (int i = 0; i < repoPath.length(); i++) {
            if (repoPath.charAt(i) == '/') {
                depth++;
            }
        }
        return "../".repeat(depth) + "blobs/" + etag;
    }
}
