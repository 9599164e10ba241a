package io.hfhub;

import java.util.Locale;

/** The three kinds of repository the Hub hosts; each has its own URL prefix and cache folder prefix. */
public enum RepoType {
    /** A model repository (the default): {@code org/name} on the Hub. */
    MODEL("", "models"),
    /** A dataset repository: {@code datasets/org/name} on the Hub. */
    DATASET("datasets/", "datasets"),
    /** A Space (an application) repository: {@code spaces/org/name} on the Hub. */
    SPACE("spaces/", "spaces");

    private final String urlPrefix;
    private final String plural;

    RepoType(String urlPrefix, String plural) {
        this.urlPrefix = urlPrefix;
        this.plural = plural;
    }

    /** {@return the prefix put before the repo id in resolve URLs: nothing for models, {@code datasets/}, {@code spaces/}} */
    public String urlPrefix() {
        return urlPrefix;
    }

    /** {@return {@code models}, {@code datasets} or {@code spaces}: the API path segment and the cache folder prefix} */
    public String plural() {
        return plural;
    }

    /** {@return the lower-case name used on the command line and by the Python client ({@code model}, ...)} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code model}, {@code dataset} or {@code space} (also the plural forms), case-insensitively.
     *
     * @param text the type as written; null means {@link #MODEL}
     * @return the type
     */
    public static RepoType parse(String text) {
        if (text == null) {
            return MODEL;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (RepoType type : values()) {
            if (type.id().equals(t) || type.plural.equals(t)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown repo type '" + text + "': expected model, dataset or space");
    }
}
