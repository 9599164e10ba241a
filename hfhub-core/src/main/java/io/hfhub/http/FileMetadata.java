package io.hfhub.http;

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
public record FileMetadata(String commit, String etag, long size, String location, String xetHash) {

    /** Metadata of a file not stored with Xet (or whose Xet id is unknown). */
    public FileMetadata(String commit, String etag, long size, String location) {
        this(commit, etag, size, location, null);
    }

    /** An LFS file's etag is its sha256 (64 hex); a regular file's is its git blob sha1 (40 hex). */
    public boolean isSha256() {
        return etag.length() == 64;
    }
}
