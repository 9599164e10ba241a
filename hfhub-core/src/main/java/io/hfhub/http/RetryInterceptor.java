package io.hfhub.http;

import io.hfhub.text.ServerText;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

/**
 * Retries a request whose response did not start well: network errors, timeouts, 408/429/5xx, waiting by
 * {@link Backoff} and honouring {@code Retry-After} up to the policy's cap; what waiting cannot cure fails at
 * once (see {@link RetryPolicy}). Every retry is told to the request's {@link RetryListener} before the wait.
 * Failures in the middle of a body are not this class's business: the transfer resumes those from the bytes
 * on disk.
 */
final class RetryInterceptor implements Interceptor {
    private static final System.Logger LOG = System.getLogger(RetryInterceptor.class.getName());

    private final RetryPolicy policy;
    private final List<String> secrets;

    RetryInterceptor(RetryPolicy policy, List<String> secrets) {
        this.policy = policy;
        this.secrets = secrets;
    }

    @Override
    public HubResponse intercept(Chain chain) throws IOException {
        HubRequest request = chain.request();
        int max = request.attempts() != null ? request.attempts().count() : policy.maxAttempts();
        for (int attempt = 1; ; attempt++) {
            HubResponse response;
            try {
                response = chain.proceed(request);
            } catch (IOException e) {
                if (attempt >= max || !RetryPolicy.isRetriable(e)) {
                    throw e;
                }
                waitBeforeRetry(request, attempt, max, String.valueOf(e.getMessage()), null);
                continue;
            }
            if (attempt >= max || !RetryPolicy.isRetriableStatus(response.code())) {
                return response;
            }
            String retryAfter = response.header("Retry-After");
            response.close();
            waitBeforeRetry(request, attempt, max, "HTTP " + response.code(), retryAfter);
        }
    }

    private void waitBeforeRetry(HubRequest request, int attempt, int max, String reason, String retryAfter)
            throws IOException {
        Duration delay = policy.delay(attempt, retryAfter);
        LOG.log(Level.DEBUG, () -> "retrying " + request.method() + " "
                + HttpLogInterceptor.forLog(request.url(), secrets) + " in " + delay.toMillis() + " ms: attempt " + attempt + " of " + max + " failed ("
                + HttpLogInterceptor.forLog(reason, secrets) + ")"
                + (retryAfter != null ? ", Retry-After " + ServerText.escape(ServerText.shorten(retryAfter)) : ""));
        request.retryListener().retrying(attempt, reason, delay.toMillis());
        policy.pause(delay);
    }
}
