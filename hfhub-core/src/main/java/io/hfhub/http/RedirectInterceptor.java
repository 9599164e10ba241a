package io.hfhub.http;

import java.io.IOException;
import java.net.ProtocolException;
import java.net.URI;

/** Follows redirects by the request's {@link RedirectPolicy}, at most {@value #MAX_HOPS} hops. */
final class RedirectInterceptor implements Interceptor {
    static final int MAX_HOPS = 10;

    private final String endpoint;

    RedirectInterceptor(String endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public HubResponse intercept(Chain chain) throws IOException {
        HubRequest request = chain.request();
        for (int hop = 0; ; hop++) {
            HubResponse response = chain.proceed(request);
            String location = response.header("Location");
            if (!response.isRedirect() || location == null) {
                return response;
            }
            if (request.redirects() == RedirectPolicy.RELATIVE_ONLY && isAbsolute(location)) {
                return response; // the CDN hop: its headers are the metadata (X-Linked-Etag, X-Linked-Size)
            }
            response.close();
            if (hop >= MAX_HOPS) {
                throw new ProtocolException("too many redirects from " + request.url());
            }
            String next;
            try {
                URI target = URI.create(request.url()).resolve(location);
                // a relative Location is the Hub's own (a renamed repo), and the Hub's root is the endpoint
                next = isAbsolute(location) ? target.toString() : HubUrls.keepEndpointPrefix(endpoint, request.url(), target);
            } catch (IllegalArgumentException e) {
                throw new ProtocolException("unusable redirect Location from " + request.url());
            }
            request = request.newBuilder().url(next).build();
        }
    }

    private static boolean isAbsolute(String location) {
        return location.startsWith("//") || location.matches("(?i)^[a-z][a-z0-9+.-]*:.*");
    }
}
