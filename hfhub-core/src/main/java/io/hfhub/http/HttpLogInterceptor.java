package io.hfhub.http;

import io.hfhub.text.ServerText;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * The last stage before the transport: one DEBUG event per HTTP exchange (every hop of a redirect and every
 * attempt of a retry), with the method, the URL, the status and the time to the response headers. The URL is
 * redacted (no user info, no query: a presigned CDN URL carries its signature there) and escaped, since a
 * redirect's {@code Location} is server text; headers are never logged, so the token cannot be.
 */
final class HttpLogInterceptor implements Interceptor {
    private static final System.Logger LOG = System.getLogger(HttpLogInterceptor.class.getName());

    private final List<String> secrets;

    HttpLogInterceptor(List<String> secrets) {
        this.secrets = secrets;
    }

    @Override
    public HubResponse intercept(Chain chain) throws IOException {
        HubRequest request = chain.request();
        if (!LOG.isLoggable(Level.DEBUG)) {
            return chain.proceed(request);
        }
        // elapsed time for the log line only: no decision depends on it, so the clock seam is not needed
        long start = System.nanoTime();
        try {
            HubResponse response = chain.proceed(request);
            LOG.log(Level.DEBUG, () -> request.method() + " " + forLog(request.url(), secrets) + " -> "
                    + response.code() + " (" + millisSince(start) + " ms)");
            return response;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, () -> request.method() + " " + forLog(request.url(), secrets) + " failed after "
                    + millisSince(start) + " ms: " + describe(e, secrets));
            throw e;
        }
    }

    /** A URL as a log line may hold it: no user info, no query, no known secret, control characters escaped. */
    static String forLog(String url, List<String> secrets) {
        return ServerText.escape(ServerText.redact(url, secrets));
    }

    /** An exception as a log line may hold it: its type and its message, redacted and escaped. */
    static String describe(Throwable e, List<String> secrets) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + forLog(message, secrets));
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
