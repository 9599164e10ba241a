package io.hfhub.snapshot;

import java.util.Locale;

/**
 * Reads the RFC 8288 {@code Link} header the Hub uses to paginate the tree listing
 * ({@code Link: <https://huggingface.co/api/...&cursor=...>; rel="next"}), as GitHub does.
 */
public final class LinkHeader {
    private LinkHeader() {}

    /**
     * Returns the target of the first link whose relation types include {@code next}, or {@code null} when there is
     * none (the last page) or the header is absent.
     *
     * <p>Tolerates what servers actually send: any spacing around {@code ;}, {@code ,} and {@code =}, quoted or
     * bare parameter values, several relation types in one {@code rel} ({@code rel="next last"}), upper-case
     * names, other parameters, and commas inside {@code <…>} or quoted strings. The URL is returned as written
     * (it may be relative; the caller resolves it against the request URL).
     */
    public static String next(String linkHeaderValue) {
        if (linkHeaderValue == null) {
            return null;
        }
        String s = linkHeaderValue;
        int i = 0;
        while (i < s.length()) {
            int open = s.indexOf('<', i);
            if (open < 0) {
                return null;
            }
            int close = s.indexOf('>', open + 1);
            if (close < 0) {
                return null;
            }
            String url = s.substring(open + 1, close).trim();
            int paramsEnd = endOfLinkValue(s, close + 1);
            if (hasNextRelation(s.substring(close + 1, paramsEnd))) {
                return url;
            }
            i = paramsEnd + 1;
        }
        return null;
    }

    /** Index of the {@code ,} ending the link-value whose parameters start at {@code from}, or the end. */
    private static int endOfLinkValue(String s, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted) {
                i++; // quoted-pair: skip the escaped character
            } else if (c == ',' && !quoted) {
                return i;
            }
        }
        return s.length();
    }

    private static boolean hasNextRelation(String params) {
        for (String param : params.split(";")) {
            int eq = param.indexOf('=');
            if (eq < 0 || !param.substring(0, eq).trim().equalsIgnoreCase("rel")) {
                continue;
            }
            String value = param.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            for (String relation : value.trim().split("\\s+")) {
                if (relation.toLowerCase(Locale.ROOT).equals("next")) {
                    return true;
                }
            }
        }
        return false;
    }
}
