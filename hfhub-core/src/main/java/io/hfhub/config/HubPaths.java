package io.hfhub.config;

import java.nio.file.Path;

/**
 * Where the Python client keeps its files: {@code HF_HOME}, the hub cache and the token file, resolved from
 * the environment in the same order it uses.
 */
public final class HubPaths {
    private HubPaths() {}

    /** {@code HF_HOME}, else {@code $XDG_CACHE_HOME/huggingface}, else {@code ~/.cache/huggingface}. */
    public static Path hfHome(Environment env) {
        String home = env.get("HF_HOME");
        if (home != null) {
            return expand(home);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null ? expand(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("huggingface");
    }

    /** {@code HF_HUB_CACHE}, else the legacy {@code HUGGINGFACE_HUB_CACHE}, else {@code $HF_HOME/hub}. */
    public static Path hubCache(Environment env) {
        String cache = env.get("HF_HUB_CACHE");
        if (cache == null) {
            cache = env.get("HUGGINGFACE_HUB_CACHE");
        }
        return cache != null ? expand(cache) : hfHome(env).resolve("hub");
    }

    /** {@code HF_TOKEN_PATH}, else {@code $HF_HOME/token}. */
    public static Path tokenFile(Environment env) {
        String path = env.get("HF_TOKEN_PATH");
        return path != null ? expand(path) : hfHome(env).resolve("token");
    }

    /** Expands a leading {@code ~} as the Python client's {@code os.path.expanduser} does. */
    static Path expand(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + path.substring(1)).toAbsolutePath();
        }
        return Path.of(path).toAbsolutePath();
    }
}
