package io.hfhub.http;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ProtocolException;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Follows redirects by the request's {@link RedirectPolicy}, at most {@value #MAX_HOPS} hops, only to
 * {@code http:} and {@code https:}. A loop or a refused scheme is a {@link ProtocolException} at once, which
 * {@link RetryPolicy} never retries: asking again would only go round again.
 */
final class RedirectInterceptor implements Interceptor {
    static final int MAX_HOPS = 10;
    private static final System.Logger LOG = System.getLogger(RedirectInterceptor.class.getName());

    private final String endpoint;
    private final List<String> secrets;

    RedirectInterceptor(String endpoint, List<String> secrets) {
        this.endpoint = endpoint;
        this.secrets = secrets;
    }

    @Override
    public HubResponse intercept(Chain chain) throws IOException {
        HubRequest request = chain.request();
        Set<String> visited = new HashSet<>();
        visited.add(request.url());
        for (int hop = 0; ; hop++) {
            HubResponse response = chain.proceed(request);
            String location = response.header("Location");
            if (!response.isRedirect() || location == null) {
                return response;
            }
            if (request.redirects() == RedirectPolicy.RELATIVE_ONLY && isAbsolute(location)) {
                log(response.code(), request.url(), location, " (not followed: its headers are the metadata)");
                return response; // the CDN hop: its headers are the metadata (X-Linked-Etag, X-Linked-Size)
            }
            response.close();
            if (hop >= MAX_HOPS) {
                throw new ProtocolException("too many redirects (" + MAX_HOPS + ") from " + Origins.forMessage(request.url()));
            }
            String resolved = resolve(request.url(), location);
            // a relative Location is the Hub's own (a renamed repo), and the Hub's root is the endpoint
            String next = isAbsolute(location) ? resolved
                    : HubUrls.keepEndpointPrefix(endpoint, request.url(), URI.create(resolved));
            if (!visited.add(next)) {
                throw new ProtocolException("redirect loop: the server sends " + Origins.forMessage(request.url()) + " back to "
                        + Origins.forMessage(next));
            }
            log(response.code(), request.url(), next, "");
            request = request.newBuilder().url(next).build();
        }
    }

    /** One DEBUG event per redirect, both URLs redacted: the target is typically a presigned CDN URL. */
    private void log(int status, String from, String to, String note) {
        LOG.log(Level.DEBUG, () -> "redirect " + status + " from " + HttpLogInterceptor.forLog(from, secrets)
                + " to " + HttpLogInterceptor.forLog(to, secrets) + note);
    }

    private static String resolve(String from, String location) throws ProtocolException {
        URI next;
        try {
            next = URI.create(from).resolve(location);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("unusable redirect Location from " + Origins.forMessage(from));
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ProtocolException("refusing a redirect to a " + scheme + ": URL from " + Origins.forMessage(from));
        }
        return next.toString();
    }

    private static boolean isAbsolute(String location) {
        return location.startsWith("//") || location.matches("(?i)^[a-z][a-z0-9+.-]*:.*");
    }
}
