package io.hfhub;

import io.hfhub.text.ServerText;
import java.util.Collection;

/**
 * Text from outside (a server's message, a file name from a listing or a cache folder, an exception's message
 * quoting them) made safe to print to a terminal or a log, by the rules hfhub's own messages follow.
 */
public final class SafeText {
    private SafeText() {}

    /**
     * The text with every character a terminal could act on written as an escape: control characters
     * ({@code \n}, {@code \t}, {@code \r}, {@code \e}, else {@code \xNN}) and the bidirectional overrides that
     * reorder what is shown. Null stays null.
     */
    public static String escape(String text) {
        return ServerText.escape(text);
    }

    /**
     * The text with every secret redacted: the given literal values (a token, a password; ignored when shorter
     * than 4 characters), and whatever has the shape of one ({@code Bearer} and {@code Basic} credentials,
     * {@code hf_} tokens, the user info and query string of a URL). Null stays null.
     */
    public static String redact(String text, Collection<String> secrets) {
        return ServerText.redact(text, secrets);
    }
}
