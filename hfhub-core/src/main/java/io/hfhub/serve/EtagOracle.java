package io.hfhub.serve;

import io.hfhub.store.BlobHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Etags for snapshot entries that are real files (the no-symlink layout, {@code HF_HUB_DISABLE_SYMLINKS=1}),
 * whose names carry no hash. Their sha256 is computed once per file version and remembered; a client
 * downloading from the mirror then names the blob by that sha256, which is content-addressed like any other.
 */
final class EtagOracle {
    /** A file version: a changed size or modification time means new content. */
    private record Key(Path path, long size, long mtimeMillis) {}

    private final Map<Key, String> known = new ConcurrentHashMap<>();
    private final AtomicLong computed = new AtomicLong();

    String etag(Path realFile) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(realFile, BasicFileAttributes.class);
        Key key = new Key(realFile, attrs.size(), attrs.lastModifiedTime().toMillis());
        try {
            // computeIfAbsent: concurrent requests for one new file hash it once, not once each
            return known.computeIfAbsent(key, k -> {
                computed.incrementAndGet();
                try {
                    return BlobHash.SHA256.of(realFile);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** How many hashes were computed (each reads a whole file). */
    long computed() {
        return computed.get();
    }
}
