package io.hfhub.http;

/**
 * How many attempts {@link RetryInterceptor} may make for one request, as a request tag. A metadata request
 * whose answer is already in the cache makes one attempt, so an unreachable Hub falls back to the cache
 * at once instead of after a minute of backoff (the Python client does the same).
 */
public record Attempts(int count) {
    public static final Attempts ONCE = new Attempts(1);
}
