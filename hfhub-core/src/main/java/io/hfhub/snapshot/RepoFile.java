package io.hfhub.snapshot;

import io.hfhub.store.BlobName;
import io.hfhub.store.RepoFilePath;
import java.util.Objects;

/**
 * One file of a repository at a commit, as listed by the Hub's tree API and stored in {@code trees/<commit>.json}.
 *
 * <p>The listing comes from the network (or a cache file) and is untrusted: the path is parsed as a
 * {@link RepoFilePath} on construction, so a {@code RepoFile} can always be joined to a destination folder without
 * escaping it, and the hashes are {@link BlobName}s, so the blob a file is stored as is always a hash to check it by.
 *
 * @param path the file's path in the repository, {@code /}-separated
 * @param size the file's size in bytes (for LFS files, the size of the real content, not of the pointer)
 * @param blobId the git object id of the file (for LFS files, the id of the pointer file)
 * @param lfsSha256 the sha256 of the content of an LFS file, or {@code null} for a regular git file
 * @param lfsSize the size of the content of an LFS file, or {@code null} for a regular git file
 * @param xetHash the listing's {@code xetHash}: the file's id in the Xet CAS, or {@code null}
 */
public record RepoFile(String path, long size, BlobName blobId, BlobName lfsSha256, Long lfsSize, String xetHash) {

    /** A file not stored with Xet. */
    public RepoFile(String path, long size, BlobName blobId, BlobName lfsSha256, Long lfsSize) {
        this(path, size, blobId, lfsSha256, lfsSize, null);
    }

    /** Validates the fields; throws {@link IllegalArgumentException} for an unsafe path or inconsistent LFS data. */
    public RepoFile {
        RepoFilePath.of(path);
        Objects.requireNonNull(blobId, "blobId");
        if (lfsSha256 != null && !lfsSha256.isSha256()) {
            throw new IllegalArgumentException("the LFS oid of '" + path + "' is not a sha256");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size + " for '" + path + "'");
        }
        if ((lfsSha256 == null) != (lfsSize == null)) {
            throw new IllegalArgumentException("LFS sha256 and size must be given together for '" + path + "'");
        }
        if (lfsSize != null && lfsSize < 0) {
            throw new IllegalArgumentException("negative LFS size " + lfsSize + " for '" + path + "'");
        }
        if (xetHash != null && (lfsSha256 == null || !xetHash.matches("[0-9a-f]{64}"))) {
            throw new IllegalArgumentException("unusable xetHash for '" + path + "'");
        }
    }

    /** A regular (non-LFS) git file. */
    public static RepoFile regular(String path, long size, BlobName blobId) {
        return new RepoFile(path, size, blobId, null, null);
    }

    /** An LFS file whose content has the given sha256; its size is also the LFS size. */
    public static RepoFile lfs(String path, long size, BlobName blobId, BlobName sha256) {
        return new RepoFile(path, size, blobId, sha256, size);
    }

    /** Whether the file is stored with git LFS (or Xet behind the LFS protocol). */
    public boolean isLfs() {
        return lfsSha256 != null;
    }

    /**
     * The name of the file's blob in the cache, which is also the ETag the Hub sends for it: the content's sha256
     * for LFS files ({@code X-Linked-Etag}), the git blob id otherwise.
     */
    public BlobName etag() {
        return isLfs() ? lfsSha256 : blobId;
    }

    /** The path as the cache layout takes it. */
    public RepoFilePath filePath() {
        return RepoFilePath.of(path);
    }
}
