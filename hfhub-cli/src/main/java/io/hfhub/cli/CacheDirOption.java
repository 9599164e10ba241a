package io.hfhub.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code --cache-dir} option shared by the cache commands, defaulting the way the Python client finds
 * its cache: {@code HF_HUB_CACHE}, else {@code HUGGINGFACE_HUB_CACHE}, else {@code $HF_HOME/hub}, else
 * {@code $XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub}.
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
        return cacheDir != null ? cacheDir : defaultCacheDir(env, System.getProperty("user.home"));
    }

    /** The Python client's default cache folder for this environment; empty variables count as unset. */
    static Path defaultCacheDir(Map<String, String> env, String userHome) {
        String hubCache = first(env, "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE");
        if (hubCache != null) {
            return expandHome(hubCache, userHome);
        }
        String hfHome = first(env, "HF_HOME");
        if (hfHome == null) {
            String xdg = first(env, "XDG_CACHE_HOME");
            hfHome = (xdg != null ? xdg : "~/.cache") + "/huggingface";
        }
        return expandHome(hfHome, userHome).resolve("hub");
    }

    private static String first(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    /** {@code ~} and {@code ~/x} as Python's {@code os.path.expanduser} reads them. */
    private static Path expandHome(String path, String userHome) {
        if (path.equals("~")) {
            return Paths.get(userHome);
        }
        return path.startsWith("~/") ? Paths.get(userHome, path.substring(2)) : Paths.get(path);
    }
}
