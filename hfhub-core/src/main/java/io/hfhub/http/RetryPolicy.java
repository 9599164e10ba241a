package io.hfhub.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Which failures are worth another attempt and how long to wait: connection resets, timeouts and the statuses
 * 408, 429, 500, 502, 503 and 504 (the Python client's 1.x set). What cannot succeed by waiting fails at once:
 * other 4xx, a refused connection or an unknown host (nothing listens there, or the name does not exist:
 * five backoffs only delay the answer and the cache fallback), a protocol error (a redirect loop, a redirect to
 * a refused scheme), and a {@code Retry-After} longer than {@link #maxRetryAfter()}, which is reported rather
 * than slept through.
 */
public record RetryPolicy(int maxAttempts, Backoff backoff, Sleeper sleeper, Duration maxRetryAfter) {
    /** The longest {@code Retry-After} hfhub waits for; longer ones end the download with a message. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(60);

    public RetryPolicy(int maxAttempts, Backoff backoff, Sleeper sleeper) {
        this(maxAttempts, backoff, sleeper, DEFAULT_MAX_RETRY_AFTER);
    }

    public static boolean isRetriableStatus(int status) {
        return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    /**
     * Network failures are retriable, except those waiting cannot cure: a refused connection, an unknown host,
     * no route, a protocol error, an over-long {@code Retry-After}, and a thread interrupt.
     */
    public static boolean isRetriable(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return true;
        }
        return !(e instanceof InterruptedIOException || e instanceof ConnectException
                || e instanceof UnknownHostException || e instanceof NoRouteToHostException
                || e instanceof ProtocolException || e instanceof RetryAfterTooLongException);
    }

    /**
     * The wait before retry number {@code retry} (1-based), honouring a {@code Retry-After} header value up to
     * {@link #maxRetryAfter()}; beyond it, {@link RetryAfterTooLongException}.
     */
    public Duration delay(int retry, String retryAfter) throws RetryAfterTooLongException {
        Duration asked = Backoff.parseRetryAfter(retryAfter);
        if (asked != null && asked.compareTo(maxRetryAfter) > 0) {
            throw new RetryAfterTooLongException(asked, maxRetryAfter);
        }
        return backoff.delay(retry, retryAfter);
    }

    /**
     * Sleeps for {@code delay}; an interrupt becomes an {@link InterruptedIOException}, also one that came before
     * the call, whatever the {@link Sleeper} does with it: an interrupted download never starts another attempt.
     */
    public void pause(Duration delay) throws InterruptedIOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted before a retry");
        }
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }
}
