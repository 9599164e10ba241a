package io.hfhub.http;

import java.net.URI;
import java.util.Locale;

/** Scheme, host and port compared, with default ports filled in: what decides where a token may go. */
public final class Origins {
    private Origins() {}

    public static boolean same(URI a, URI b) {
        return scheme(a).equals(scheme(b)) && host(a).equals(host(b)) && port(a) == port(b);
    }

    public static boolean same(String a, String b) {
        return same(URI.create(a), URI.create(b));
    }

    /**
     * The URL as a message may show it: scheme, host, port and path, never the user info or the query (a
     * presigned CDN URL's signature is a secret).
     */
    public static String forMessage(String url) {
        try {
            URI u = URI.create(url);
            if (u.getHost() == null) {
                return scheme(u) + ":";
            }
            return scheme(u) + "://" + host(u) + (u.getPort() != -1 ? ":" + u.getPort() : "")
                    + (u.getRawPath() == null ? "" : u.getRawPath());
        } catch (IllegalArgumentException e) {
            return "(an unusable URL)";
        }
    }

    private static String scheme(URI u) {
        return u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    }

    private static String host(URI u) {
        return u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
    }

    private static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return "https".equals(scheme(u)) ? 443 : 80;
    }
}
