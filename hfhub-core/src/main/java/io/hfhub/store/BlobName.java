package io.hfhub.store;

import io.hfhub.text.ServerText;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of a blob in {@code blobs/}: the content hash the Hub names the file by, 64 lower-case hex digits (the
 * sha256 of an LFS file, its {@code X-Linked-Etag} or the listing's {@code lfs.oid}) or 40 (the git blob sha1 of a
 * regular file, its {@code ETag} or the listing's {@code oid}). Since every blob name is a hash, every blob can be
 * and is verified against its name. Names come from the network and from the cache folder, so they are parsed
 * here and nowhere else; the cache layout accepts only this type.
 */
public record BlobName(String value) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    /** Validates; throws {@link IllegalArgumentException} for anything but 40 or 64 lower-case hex digits. */
    public BlobName {
        Objects.requireNonNull(value, "blob name");
        if (!HEX.matcher(value).matches()) {
            throw new IllegalArgumentException("not a blob hash (40 or 64 lower-case hex digits): '"
                    + ServerText.escape(ServerText.shorten(value)) + "'");
        }
    }

    /** Parses a blob name. */
    public static BlobName of(String value) {
        return new BlobName(value);
    }

    /** The blob name, or empty when {@code value} is null or not a hash. */
    public static Optional<BlobName> parse(String value) {
        return value != null && HEX.matcher(value).matches() ? Optional.of(new BlobName(value)) : Optional.empty();
    }

    /** The hash the content must have: sha256 for 64 hex digits, the git blob sha1 for 40. */
    public BlobHash hash() {
        return value.length() == 64 ? BlobHash.SHA256 : BlobHash.GIT_SHA1;
    }

    /** Whether this is the sha256 of the content (an LFS file). */
    public boolean isSha256() {
        return value.length() == 64;
    }

    @Override
    public String toString() {
        return value;
    }
}
