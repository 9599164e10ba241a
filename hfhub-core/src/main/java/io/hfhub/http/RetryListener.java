package io.hfhub.http;

/**
 * Told about every retry {@link RetryInterceptor} makes for a request, before it waits, so a user sees why a
 * request is slow as it happens. Attached to a request with {@link HubRequest.Builder#retryListener}.
 */
@FunctionalInterface
public interface RetryListener {
    RetryListener NONE = (attempt, reason, delayMillis) -> {};

    /** Attempt {@code attempt} failed for {@code reason}; the next one starts after {@code delayMillis}. */
    void retrying(int attempt, String reason, long delayMillis);
}
