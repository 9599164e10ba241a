package io.hfhub.http;

import java.io.IOException;
import java.net.URI;

/**
 * Adds the Hub's headers to every hop: {@code User-Agent}, {@code Accept-Encoding: identity} (so
 * {@code Content-Length} is the real size and a {@code Range} is never answered with a compressed body), and
 * the token (or the endpoint URL's user info as Basic credentials), but only towards the endpoint's own origin: a
 * presigned CDN URL must never receive it.
 */
final class HubHeadersInterceptor implements Interceptor {
    private final URI endpoint;
    private final String authorization;
    private final String userAgent;

    /** The token wins over the endpoint's own user info, as a header set by the caller wins in the Python client. */
    HubHeadersInterceptor(Endpoint endpoint, String token, String userAgent) {
        this.endpoint = URI.create(endpoint.url());
        this.authorization = token != null ? "Bearer " + token : endpoint.basicAuthorization().orElse(null);
        this.userAgent = userAgent;
    }

    @Override
    public HubResponse intercept(Chain chain) throws IOException {
        HubRequest request = chain.request();
        HubRequest.Builder builder = request.newBuilder()
                .header("User-Agent", userAgent)
                .header("Accept-Encoding", "identity");
        String bound = request.bearerFor(request.url());
        if (bound != null) {
            builder.header("Authorization", "Bearer " + bound);
        } else if (authorization != null && Origins.same(URI.create(request.url()), endpoint)) {
            builder.header("Authorization", authorization);
        } else {
            builder.removeHeader("Authorization");
        }
        return chain.proceed(builder.build());
    }
}
