package io.hfhub.cli;

import io.hfhub.HfHub;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code --cache-dir} option shared by the cache commands, defaulting as the library does
 * ({@link HfHub#defaultCacheDir}): {@code HF_HUB_CACHE}, else {@code HUGGINGFACE_HUB_CACHE}, else
 * {@code $HF_HOME/hub}, else {@code $XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub}.
 */
final class CacheDirOption {
    static final List<CommandSpec.Opt> OPTIONS = List.of(CommandSpec.Opt.value("--cache-dir", "DIR",
            "The Hugging Face cache (default: HF_HUB_CACHE, HUGGINGFACE_HUB_CACHE, $HF_HOME/hub,"
                    + " $XDG_CACHE_HOME/huggingface/hub or ~/.cache/huggingface/hub)."));

    private final Path cacheDir;

    /** Read once, when the command is built, never from a static field. */
    private final Map<String, String> env = System.getenv();

    CacheDirOption(Arguments args) {
        cacheDir = args.value("--cache-dir", FolderConverter::convert, null);
    }

    /** The cache folder to use. */
    Path cacheDir() {
        return cacheDir != null ? cacheDir : defaultCacheDir(env);
    }

    /** The library's default for this environment, so the cache commands look where downloads write. */
    static Path defaultCacheDir(Map<String, String> env) {
        return HfHub.defaultCacheDir(env);
    }
}
