package io.hfhub.transfer;

import io.hfhub.store.BlobName;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashes a file's bytes as they stream, the way its etag was computed: sha256 for LFS files (their
 * {@code X-Linked-Etag}), git's blob sha1 ({@code sha1("blob <size>\0" + bytes)}) for regular files (their
 * {@code ETag}). Every blob name is one of the two ({@link BlobName}), so every transfer is verified.
 */
public abstract class ContentHasher {
    public abstract void update(byte[] b, int off, int len);

    public abstract void update(ByteBuffer buffer);

    /** True when the bytes seen hash to {@code etag}. Call once, at the end. */
    public abstract boolean matches(BlobName etag);

    /**
     * Feeds the first {@code length} bytes of {@code file} (a partial file being resumed), so the final check
     * still covers every byte; {@code bufferSize} bytes are read at a time.
     */
    public void updateFrom(Path file, long length, int bufferSize) throws IOException {
        if (length == 0) {
            return; // a fresh start: the file may not exist yet
        }
        ByteBuffer buffer = ByteBuffer.allocate(bufferSize);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long remaining = length; remaining > 0; ) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
                int n = channel.read(buffer);
                if (n < 0) {
                    break;
                }
                buffer.flip();
                update(buffer);
                remaining -= n;
            }
        }
    }

    /** A new hasher of the same kind, for a restart from byte zero. */
    public abstract ContentHasher fresh();

    /** The hasher that checks content against {@code etag} for a file of {@code size} bytes. */
    public static ContentHasher forEtag(BlobName etag, long size) {
        if (etag.isSha256()) {
            return new Digesting("SHA-256", null, etag, size);
        }
        return new Digesting("SHA-1", ("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII), etag, size);
    }

    private static final class Digesting extends ContentHasher {
        private final String algorithm;
        private final byte[] prefix;
        private final BlobName etag;
        private final long size;
        private final MessageDigest digest;

        Digesting(String algorithm, byte[] prefix, BlobName etag, long size) {
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
        public boolean matches(BlobName expected) {
            return HexFormat.of().formatHex(digest.digest()).equals(expected.value());
        }

        @Override
        public ContentHasher fresh() {
            return new Digesting(algorithm, prefix, etag, size);
        }
    }
}
