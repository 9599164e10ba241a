package io.hfhub.http;

import io.hfhub.store.BlobName;
import io.hfhub.store.CommitHash;
import java.util.Objects;

/**
 * What the metadata request says of one file.
 *
 * @param commit   {@code X-Repo-Commit}: the commit the revision resolved to
 * @param etag     {@code X-Linked-Etag} (the sha256 of an LFS file) else {@code ETag} (git blob sha1),
 *                 normalised: no {@code W/} prefix, no quotes
 * @param size     {@code X-Linked-Size} else {@code Content-Length}
 * @param location where to GET the bytes: the redirect target (the CDN) or the resolve URL itself
 * @param xetHash  {@code X-Xet-Hash}: the file's id in the Xet CAS (64 lowercase hex), or null when the file is
 *                 not Xet-backed (or the header was unusable: then plain HTTP serves it, as before)
 */
public record FileMetadata(CommitHash commit, BlobName etag, long size, String location, String xetHash) {

    public FileMetadata {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(etag, "etag");
        Objects.requireNonNull(location, "location");
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        if (xetHash != null && !xetHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a Xet hash");
        }
    }

    /** Metadata of a file not stored with Xet (or whose Xet id is unknown). */
    public FileMetadata(CommitHash commit, BlobName etag, long size, String location) {
        this(commit, etag, size, location, null);
    }

    /** An LFS file's etag is its sha256 (64 hex); a regular file's is its git blob sha1 (40 hex). */
    public boolean isSha256() {
        return etag.isSha256();
    }
}
