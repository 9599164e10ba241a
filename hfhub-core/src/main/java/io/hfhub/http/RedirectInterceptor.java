package io.hfhub.http;

import java.io.IOException;
import java.net.ProtocolException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/** Follows redirects by the request's {@link RedirectPolicy}, at most {@value #MAX_HOPS} hops. */
final class RedirectInterceptor implements Interceptor {
    static final int MAX_HOPS = 10;

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        RedirectPolicy policy = request.tag(RedirectPolicy.class);
        if (policy == null) {
            policy = RedirectPolicy.ALL;
        }
        for (int hop = 0; ; hop++) {
            Response response = chain.proceed(request);
            String location = response.header("Location");
            if (!response.isRedirect() || location == null) {
                return response;
            }
            if (policy == RedirectPolicy.RELATIVE_ONLY && isAbsolute(location)) {
                return response; // the CDN hop: its headers are the metadata (X-Linked-Etag, X-Linked-Size)
            }
            HttpUrl next = request.url().resolve(location);
            if (next == null || hop >= MAX_HOPS) {
                response.close();
                throw new ProtocolException(next == null ? "unusable redirect Location" : "too many redirects");
            }
            response.close();
            request = request.newBuilder().url(next).build();
        }
    }

    private static boolean isAbsolute(String location) {
        return location.startsWith("//") || location.matches("(?i)^[a-z][a-z0-9+.-]*:.*");
    }
}
