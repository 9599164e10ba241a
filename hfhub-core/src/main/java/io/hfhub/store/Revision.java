package io.hfhub.store;

import io.hfhub.text.ServerText;
import java.util.Objects;
import java.util.Optional;

/**
 * A revision as it names a ref file ({@code refs/<revision>}): a branch, a tag, {@code refs/pr/N} or a commit id.
 * Revisions come from callers, the command line and the cache folder, and a ref is written under that name, so a
 * revision is parsed here: not empty, at most 255 characters, {@code /}-separated segments none of which is empty,
 * {@code .} or {@code ..}, no leading {@code /}, no backslash, no drive letter and no control character. What git
 * refuses beyond that is left to the Hub to refuse.
 */
public record Revision(String value) {
    private static final int MAX_LENGTH = 255;

    /** Validates; throws {@link IllegalArgumentException} saying what is wrong. */
    public Revision {
        Objects.requireNonNull(value, "revision");
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException("invalid revision '" + ServerText.escape(ServerText.shorten(value)) + "': "
                    + problem);
        }
    }

    /** Parses a revision. */
    public static Revision of(String value) {
        return new Revision(value);
    }

    /** The revision, or empty when {@code value} is null or not a valid revision. */
    public static Optional<Revision> parse(String value) {
        return value != null && problem(value) == null ? Optional.of(new Revision(value)) : Optional.empty();
    }

    /** The commit when the revision is a commit id. */
    public Optional<CommitHash> asCommit() {
        return CommitHash.parse(value);
    }

    private static String problem(String value) {
        if (value.isEmpty()) {
            return "empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        return RepoFilePath.relativeProblem(value, "must be a branch, tag, refs/pr/N or commit, not a path");
    }

    @Override
    public String toString() {
        return value;
    }
}
