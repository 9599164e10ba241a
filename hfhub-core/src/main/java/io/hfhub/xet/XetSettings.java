package io.hfhub.xet;

import io.hfhub.config.Environment;
import io.hfhub.config.HubPaths;
import java.nio.file.Path;

/**
 * How Xet-backed files are fetched.
 *
 * @param disabled   fetch them by plain HTTP, as a client without Xet does ({@code HF_HUB_DISABLE_XET})
 * @param cacheDir   the local chunk cache; hfhub keeps it in a folder of its own under {@code HF_XET_CACHE}
 *                   (default {@code $HF_HOME/xet}, where the Python client's {@code hf_xet} keeps its caches)
 * @param cacheBytes the chunk cache's bound ({@code HF_XET_CHUNK_CACHE_SIZE_BYTES}, default 10 GB as
 *                   {@code hf_xet}'s); 0 keeps nothing
 */
public record XetSettings(boolean disabled, Path cacheDir, long cacheBytes) {
    /** hfhub's chunk cache is not in {@code hf_xet}'s format, so it lives beside it, never inside. */
    public static final String CACHE_FOLDER = "hfhub-chunk-cache";
    public static final long DEFAULT_CACHE_BYTES = 10_000_000_000L;

    /** The settings the environment gives. */
    public static XetSettings fromEnvironment(Environment env) {
        String dir = env.get("HF_XET_CACHE");
        Path base = dir != null ? Path.of(dir).toAbsolutePath() : HubPaths.hfHome(env).resolve("xet");
        return new XetSettings(env.flag("HF_HUB_DISABLE_XET"), base.resolve(CACHE_FOLDER), cacheBytes(env));
    }

    private static long cacheBytes(Environment env) {
        String text = env.get("HF_XET_CHUNK_CACHE_SIZE_BYTES");
        if (text == null) {
            return DEFAULT_CACHE_BYTES;
        }
        try {
            return Math.max(0, Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("HF_XET_CHUNK_CACHE_SIZE_BYTES must be a number of bytes: " + text);
        }
    }
}
