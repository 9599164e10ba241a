package io.hfhub.cli;

/**
 * A command line hfhub cannot run: an unknown word, a missing or malformed value. {@link Main} prints it as one line
 * with a suggestion when {@code word} is close to a known one, then where the help is, and exits with 2. Raised by
 * parsing and by the value conversions a command makes when it reads its arguments, so a bad value is refused
 * before any work, like an unknown option.
 */
final class UsageException extends RuntimeException {
    private final String word;

    UsageException(String message) {
        this(message, null);
    }

    /** {@code word} is the offending word, for the "did you mean" suggestion; null when there is none. */
    UsageException(String message, String word) {
        super(message, null, false, false);
        this.word = word;
    }

    String word() {
        return word;
    }
}
