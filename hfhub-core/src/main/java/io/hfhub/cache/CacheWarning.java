package io.hfhub.cache;

import java.nio.file.Path;

/**
 * Why a repository folder was skipped by {@link CacheScanner} (Python's {@code CorruptedCacheException}).
 *
 * @param path    the repository folder (or entry of the cache root) that was skipped
 * @param message what is wrong with it
 */
public record CacheWarning(Path path, String message) {
    @Override
    public String toString() {
        return message;
    }
}
