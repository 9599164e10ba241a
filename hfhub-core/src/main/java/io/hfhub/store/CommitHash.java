package io.hfhub.store;

import io.hfhub.text.ServerText;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A git commit id, exactly 40 lower-case hex digits: the only form a commit takes as a folder name in the cache
 * ({@code snapshots/<commit>/}, {@code .no_exist/<commit>/}, {@code trees/<commit>.json}) and as the content of a
 * ref. Commits come from outside (the {@code X-Repo-Commit} header, the revision API, a ref file on disk, a
 * caller's revision), so every one is parsed here; nothing else can become a commit folder.
 */
public record CommitHash(String value) {
    private static final Pattern HEX40 = Pattern.compile("[0-9a-f]{40}");

    /** Validates; throws {@link IllegalArgumentException} (with the value escaped) for anything but 40 hex. */
    public CommitHash {
        Objects.requireNonNull(value, "commit");
        if (!HEX40.matcher(value).matches()) {
            throw new IllegalArgumentException("not a commit id (40 lower-case hex digits): '"
                    + ServerText.escape(ServerText.shorten(value)) + "'");
        }
    }

    /** Parses a commit id. */
    public static CommitHash of(String value) {
        return new CommitHash(value);
    }

    /** The commit, or empty when {@code value} is null or not 40 lower-case hex digits. */
    public static Optional<CommitHash> parse(String value) {
        return value != null && HEX40.matcher(value).matches() ? Optional.of(new CommitHash(value)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
