package io.hfhub;

import io.hfhub.snapshot.RepoFile;
import io.hfhub.store.BlobName;
import io.hfhub.store.RepoFilePath;
import java.util.Objects;
import java.util.Optional;

/**
 * One file of a repository at a commit, as the Hub's tree API lists it ({@link HfHub#listFiles}).
 *
 * @param path      the file's path in the repository, {@code /}-separated
 * @param size      the file's size in bytes (for an LFS file, the size of its content, not of the pointer)
 * @param blobId    the git object id of the file (for an LFS file, the id of the pointer), 40 hex digits
 * @param lfsSha256 the sha256 of an LFS file's content; empty for a regular git file
 */
public record RepoFileInfo(String path, long size, String blobId, Optional<String> lfsSha256) {

    /**
     * Checks every field: the path must be relative with ordinary segments (it is joined to a folder), the hashes
     * must be hashes.
     *
     * @throws IllegalArgumentException for an unsafe path, a hash that is not one, or a negative size
     */
    public RepoFileInfo {
        RepoFilePath.of(Objects.requireNonNull(path, "path"));
        BlobName.of(Objects.requireNonNull(blobId, "blobId"));
        if (!Objects.requireNonNull(lfsSha256, "lfsSha256").map(BlobName::of).map(BlobName::isSha256).orElse(true)) {
            throw new IllegalArgumentException("the LFS sha256 of '" + path + "' is not a sha256");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for '" + path + "'");
        }
    }

    /**
     * The hash the file's content is checked by, which is also its ETag on the Hub and the name of its blob in
     * the cache: the sha256 for an LFS file, else the git blob id.
     */
    public String etag() {
        return lfsSha256.orElse(blobId);
    }

    static RepoFileInfo of(RepoFile file) {
        return new RepoFileInfo(file.path(), file.size(), file.blobId().value(),
                Optional.ofNullable(file.lfsSha256()).map(BlobName::value));
    }
}
