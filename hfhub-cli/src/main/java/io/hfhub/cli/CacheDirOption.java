package io.hfhub.cli;

import io.hfhub.HfHub;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --cache-dir} option shared by the cache commands, defaulting as the library does
 * ({@link HfHub#defaultCacheDir}): {@code HF_HUB_CACHE}, else {@code HUGGINGFACE_HUB_CACHE}, else
 * {@code $HF_HOME/hub}, else {@code $XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub}.
 */
final class CacheDirOption {
    @Option(names = "--cache-dir", paramLabel = "DIR", converter = FolderConverter.class,
            description = "The Hugging Face cache (default: HF_HUB_CACHE, HUGGINGFACE_HUB_CACHE, $HF_HOME/hub,"
                    + " $XDG_CACHE_HOME/huggingface/hub or ~/.cache/huggingface/hub).")
    Path cacheDir;

    /** Read once, when the command is built, never from a static field. */
    private final Map<String, String> env = System.getenv();

    /** The cache folder to use. */
    Path cacheDir() {
        return cacheDir != null ? cacheDir : defaultCacheDir(env);
    }

    /** The library's default for this environment, so the cache commands look where downloads write. */
    static Path defaultCacheDir(Map<String, String> env) {
        return HfHub.defaultCacheDir(env);
    }
}
