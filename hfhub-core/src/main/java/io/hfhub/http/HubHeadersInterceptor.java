package io.hfhub.http;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds the Hub's headers to every hop: {@code User-Agent}, {@code Accept-Encoding: identity} (so
 * {@code Content-Length} is the real size and a {@code Range} is never answered with a compressed body), and
 * the token, but only towards the endpoint's own origin: a presigned CDN URL must never receive it.
 */
final class HubHeadersInterceptor implements Interceptor {
    private final HttpUrl endpoint;
    private final String token;
    private final String userAgent;

    HubHeadersInterceptor(HttpUrl endpoint, String token, String userAgent) {
        this.endpoint = endpoint;
        this.token = token;
        this.userAgent = userAgent;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        Request.Builder builder = request.newBuilder()
                .header("User-Agent", userAgent)
                .header("Accept-Encoding", "identity");
        if (token != null && sameOrigin(request.url())) {
            builder.header("Authorization", "Bearer " + token);
        } else {
            builder.removeHeader("Authorization");
        }
        return chain.proceed(builder.build());
    }

    private boolean sameOrigin(HttpUrl url) {
        return url.scheme().equals(endpoint.scheme()) && url.host().equalsIgnoreCase(endpoint.host())
                && url.port() == endpoint.port();
    }
}
