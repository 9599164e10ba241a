package io.hfhub.cache;

import io.hfhub.HfHubException;
import java.nio.file.Path;

/** The cache directory to scan, verify or prune does not exist (Python's {@code CacheNotFound}). */
public class CacheNotFoundException extends HfHubException {
    /** The directory looked for. */
    private final Path cacheDir;

    /**
     * Creates the exception.
     *
     * @param cacheDir the directory that was looked for
     */
    public CacheNotFoundException(Path cacheDir) {
        super("cache directory not found: " + cacheDir
                + " (pass --cache-dir or set HF_HUB_CACHE to the folder your downloads went to)");
        this.cacheDir = cacheDir;
    }

    /** {@return the directory that was looked for} */
    public Path cacheDir() {
        return cacheDir;
    }
}
