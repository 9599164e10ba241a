package io.hfhub.transfer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashes a file's bytes as they stream, the way its etag was computed: sha256 for LFS files (their
 * {@code X-Linked-Etag}), git's blob sha1 ({@code sha1("blob <size>\0" + bytes)}) for regular files (their
 * {@code ETag}). {@link #NONE} for an etag that is neither (a non-Hub server): only the size is checked.
 */
public abstract class ContentHasher {
    public static final ContentHasher NONE = new ContentHasher() {
        @Override
        public void update(byte[] b, int off, int len) {}

        @Override
        public void update(ByteBuffer buffer) {
            buffer.position(buffer.limit());
        }

        @Override
        public boolean matches(String etag) {
            return true;
        }

        @Override
        public ContentHasher fresh() {
            return this;
        }
    };

    public abstract void update(byte[] b, int off, int len);

    public abstract void update(ByteBuffer buffer);

    /** True when the bytes seen hash to {@code etag}. Call once, at the end. */
    public abstract boolean matches(String etag);

    /** A new hasher of the same kind, for a restart from byte zero. */
    public abstract ContentHasher fresh();

    /** The hasher that checks content against {@code etag} for a file of {@code size} bytes. */
    public static ContentHasher forEtag(String etag, long size) {
        if (etag.matches("[0-9a-f]{64}")) {
            return new Digesting("SHA-256", null, etag, size);
        }
        if (etag.matches("[0-9a-f]{40}")) {
            return new Digesting("SHA-1", ("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII), etag, size);
        }
        return NONE;
    }

    private static final class Digesting extends ContentHasher {
        private final String algorithm;
        private final byte[] prefix;
        private final String etag;
        private final long size;
        private final MessageDigest digest;

        Digesting(String algorithm, byte[] prefix, String etag, long size) {
            this.algorithm = algorithm;
            this.prefix = prefix;
            this.etag = etag;
            this.size = size;
            try {
                this.digest = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(algorithm + " is missing from this JVM", e);
            }
            if (prefix != null) {
                digest.update(prefix);
            }
        }

        @Override
        public void update(byte[] b, int off, int len) {
            digest.update(b, off, len);
        }

        @Override
        public void update(ByteBuffer buffer) {
            digest.update(buffer);
        }

        @Override
        public boolean matches(String expected) {
            return HexFormat.of().formatHex(digest.digest()).equals(expected);
        }

        @Override
        public ContentHasher fresh() {
            return new Digesting(algorithm, prefix, etag, size);
        }
    }
}
