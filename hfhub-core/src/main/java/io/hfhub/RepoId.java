package io.hfhub;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A validated repository id, {@code name} or {@code namespace/name}, with the rules the Hub and the Python
 * client apply: {@code [A-Za-z0-9_.-]}, at most 96 characters per part, no {@code --} or {@code ..}, not
 * ending in {@code .git}.
 */
public record RepoId(String value) {
    private static final Pattern VALID = Pattern.compile("^(\\b[\\w\\-.]+\\b/)?\\b[\\w\\-.]{1,96}\\b$");

    /**
     * Validates {@code value}.
     *
     * @param value the id, {@code name} or {@code namespace/name}
     * @throws IllegalArgumentException if it breaks the Hub's rules above
     */
    public RepoId {
        Objects.requireNonNull(value, "repoId");
        if (!VALID.matcher(value).matches() || value.contains("--") || value.contains("..")
                || value.endsWith(".git") || value.length() > 96 * 2 + 1) {
            throw new IllegalArgumentException("invalid repo id '" + value
                    + "': expected 'name' or 'namespace/name' with letters, digits, '-', '_' and '.',"
                    + " without '--' or '..', not ending in '.git'");
        }
    }

    /**
     * Parses and validates a repo id.
     *
     * @param value the id, {@code name} or {@code namespace/name}
     * @return the validated id
     * @throws IllegalArgumentException if it breaks the Hub's rules
     */
    public static RepoId of(String value) {
        return new RepoId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
