package io.hfhub.http;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The {@code User-Agent} hfhub sends, built as the Python client builds its own: the calling library first
 * ({@code name/version}), then hfhub and Java, then the caller's free text, then {@code origin/<value>} from
 * {@code HF_HUB_USER_AGENT_ORIGIN}; the {@code ;}-separated parts de-duplicated, first one kept. Every part is
 * checked where it enters: a header value with a CR or LF would let a caller's text add headers of its own.
 */
public final class UserAgent {
    private UserAgent() {}

    /**
     * The header value.
     *
     * @param libraryName    the calling library's name, or null
     * @param libraryVersion its version, or null
     * @param base           hfhub's own part, e.g. {@code hfhub/1.0; java/17}
     * @param extra          the caller's free text, or null
     * @param origin         the value of {@code HF_HUB_USER_AGENT_ORIGIN}, or null
     */
    public static String of(String libraryName, String libraryVersion, String base, String extra, String origin) {
        StringBuilder agent = new StringBuilder();
        if (libraryName != null) {
            agent.append(libraryName).append(libraryVersion != null ? "/" + libraryVersion : "").append("; ");
        }
        agent.append(base);
        if (extra != null) {
            agent.append("; ").append(extra);
        }
        if (origin != null && !origin.isBlank()) {
            agent.append("; origin/").append(requireText(origin, "HF_HUB_USER_AGENT_ORIGIN").strip());
        }
        Set<String> parts = new LinkedHashSet<>();
        for (String part : agent.toString().split(";")) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return String.join("; ", parts);
    }

    /**
     * A library name or version: an HTTP token (letters, digits and {@code !#$%&'*+-.^_`|~}), so that
     * {@code name/version} stays one product in the header.
     *
     * @throws IllegalArgumentException naming {@code what} and the offending character
     */
    public static String requireToken(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean token = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!token) {
                throw new IllegalArgumentException(what + " may hold only letters, digits and !#$%&'*+-.^_`|~, not "
                        + describe(c) + " (at " + i + ")");
            }
        }
        return value;
    }

    /**
     * Free text for the header: printable ASCII (space included), not blank.
     *
     * @throws IllegalArgumentException naming {@code what} and the offending character
     */
    public static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException(what + " may hold only printable ASCII characters, not "
                        + describe(c) + " (at " + i + ")");
            }
        }
        return value;
    }

    private static String describe(char c) {
        return c > 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
