package io.hfhub.http;

/**
 * The character classes of HTTP/1.1 messages (RFC 9110), for both sides hfhub speaks: the client's parser and
 * request writer ({@link Http1}) and the mirror's server ({@code io.hfhub.serve}). Loops over {@code charAt}, not
 * {@code chars().allMatch(...)}: they run on every header of every request and response, where streams and their
 * lambdas cost JIT compilations that compete with the transfer.
 */
public final class HttpChars {
    /** The visible ASCII characters that are not token characters. */
    private static final String SEPARATORS = "\"(),/:;<=>?@[\\]{}";

    private HttpChars() {}

    /** Whether {@code s} is a non-empty token: what a method or a header name may be made of. */
    public static boolean isToken(String s) {
        return !s.isEmpty() && allTokenChars(s, 0, s.length());
    }

    /** Whether {@code s[from, to)} is all token characters: visible ASCII but the separators. */
    public static boolean allTokenChars(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f || SEPARATORS.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} is all visible ASCII (no space, no control character). */
    public static boolean allVisible(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code s} is all field-value characters up to {@code highest}: tab, and space to {@code highest} but
     * DEL. {@code 0x7e} allows ASCII only (the mirror), {@code 0xff} what ISO-8859-1 can carry (what the client
     * writes), {@link Character#MAX_VALUE} anything decoded from it already (what the client reads).
     */
    public static boolean allFieldValueChars(String s, int highest) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\t' && (c < 0x20 || c == 0x7f || c > highest)) {
                return false;
            }
        }
        return true;
    }
}
