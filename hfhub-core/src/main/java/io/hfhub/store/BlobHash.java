package io.hfhub.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The content hashes blobs are named by: sha256 for LFS files (64 hex, the Hub's {@code X-Linked-Etag}) and
 * the git blob sha1 for regular files (40 hex, {@code sha1("blob <len>\0" + bytes)}, the Hub's {@code ETag}).
 */
public enum BlobHash {
    SHA256("SHA-256"),
    GIT_SHA1("SHA-1");

    /** 1 MiB: large reads keep hashing disk-bound rather than syscall-bound on multi-GB blobs. */
    private static final int BUFFER_SIZE = 1 << 20;
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HEX40 = Pattern.compile("[0-9a-f]{40}");

    private final String algorithm;

    BlobHash(String algorithm) {
        this.algorithm = algorithm;
    }

    /** The hash a blob named {@code etag} must have, or empty when the name is neither form. */
    public static Optional<BlobHash> forEtag(String etag) {
        if (HEX64.matcher(etag).matches()) {
            return Optional.of(SHA256);
        }
        if (HEX40.matcher(etag).matches()) {
            return Optional.of(GIT_SHA1);
        }
        return Optional.empty();
    }

    /** Hashes a file, streaming, in lower-case hex. */
    public String of(Path file) throws IOException {
        MessageDigest digest = newDigest();
        if (this == GIT_SHA1) {
            digest.update(("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII));
        }
        byte[] buffer = new byte[BUFFER_SIZE];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Hashes bytes in memory, in lower-case hex. */
    public String of(byte[] content) {
        MessageDigest digest = newDigest();
        if (this == GIT_SHA1) {
            digest.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
        }
        return HexFormat.of().formatHex(digest.digest(content));
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships " + algorithm, e);
        }
    }
}
