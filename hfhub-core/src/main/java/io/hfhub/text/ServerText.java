package io.hfhub.text;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text from outside (a server's error message, a header, a file name from a listing, a path in the cache) made
 * safe to show: secrets redacted, control characters escaped, length capped. One place, so that every message
 * hfhub builds from untrusted text goes through the same rules.
 *
 * <p>Secrets are recognised two ways: the literal values this client knows (its token, the endpoint's password),
 * and their shapes (a {@code Bearer} credential, an {@code hf_…} token, the user info of a URL, the query string of
 * a URL, which is where presigned URLs carry their signature).
 */
public final class ServerText {
    /** Longest piece of untrusted text quoted in a message. */
    public static final int MAX_QUOTE = 300;
    private static final String REDACTED = "<redacted>";
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer\\s+)[^\\s\"',;)]+");
    private static final Pattern BASIC = Pattern.compile("(?i)\\b(basic\\s+)[A-Za-z0-9+/]{8,}=*");
    private static final Pattern ASSIGNED = Pattern.compile("(?i)\\b((?:access_)?token=|password=)[^\\s&\"',;)]+");
    private static final Pattern HF_TOKEN = Pattern.compile("\\b(hf|api_org)_[A-Za-z0-9]{6,}");
    private static final Pattern URL_USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s\"']+@");
    // the query must have a character: one already redacted ("?<redacted>", stopped at its angle bracket) is left
    private static final Pattern URL_QUERY = Pattern.compile("(?i)\\b(https?://[^\\s?#\"'<>]+)\\?[^\\s#\"'<>]+");

    private ServerText() {}

    /**
     * The text with every secret redacted: the given literal values (ignored when shorter than 4 characters, which
     * would redact ordinary words), {@code Bearer}/{@code Basic} credentials, {@code hf_} tokens, URL user info and
     * URL query strings. Null stays null.
     */
    public static String redact(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        // A URL's query first and whole: a presigned URL's signature is there, and a secret redacted inside it
        // first would leave "?<redacted><redacted>" (the pattern stops at the angle bracket of the first one).
        String out = URL_QUERY.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "?" + REDACTED));
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                out = out.replace(secret, REDACTED);
            }
        }
        for (Pattern credential : List.of(BEARER, BASIC, ASSIGNED)) {
            out = credential.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED));
        }
        out = HF_TOKEN.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "_" + REDACTED));
        out = URL_USER_INFO.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED + "@"));
        return out;
    }

    /** {@link #redact(String, Collection)} with only the shapes of secrets, no known literal. */
    public static String redact(String text) {
        return redact(text, List.of());
    }

    /**
     * The text with every character a terminal could act on written as an escape: C0 and C1 controls and DEL
     * ({@code \n}, {@code \t}, {@code \r}, {@code \e}, else {@code \xNN}) and the bidirectional overrides that
     * reorder what is shown ({@code \u202e} and the like). Null stays null.
     */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escaped = escapeOf(c);
            if (escaped != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (escaped != null) {
                    out.append(escaped);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** Whether {@link #escape} would change the text: it holds a control or reordering character. */
    public static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (escapeOf(text.charAt(i)) != null) {
                return true;
            }
        }
        return false;
    }

    /** At most {@link #MAX_QUOTE} characters, with an ellipsis when cut. Null stays null. */
    public static String shorten(String text) {
        if (text == null || text.length() <= MAX_QUOTE) {
            return text;
        }
        return text.substring(0, MAX_QUOTE) + "…";
    }

    /** Server text ready to quote in a message: redacted, escaped, shortened. */
    public static String quote(String text, Collection<String> secrets) {
        return shorten(escape(redact(text, secrets)));
    }

    private static String escapeOf(char c) {
        switch (c) {
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            case 0x1b: return "\\e";
            default:
                break;
        }
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
            return String.format("\\x%02x", (int) c);
        }
        if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f) {
            return String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
