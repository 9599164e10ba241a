package io.hfhub.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * Which failures are worth another attempt and how long to wait: connection errors, timeouts and the
 * statuses 408, 429, 500, 502, 503 and 504 (the Python client's 1.x set). Other 4xx fail at once.
 */
public record RetryPolicy(int maxAttempts, Backoff backoff, Sleeper sleeper) {

    public static boolean isRetriableStatus(int status) {
        return status == 408 || status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
    }

    /** Network failures are retriable; a thread interrupt is not. */
    public static boolean isRetriable(IOException e) {
        return !(e instanceof InterruptedIOException) || e instanceof java.net.SocketTimeoutException;
    }

    /** Sleeps before retry number {@code retry}; an interrupt becomes an {@link InterruptedIOException}. */
    public void pause(int retry, String retryAfter) throws InterruptedIOException {
        pause(backoff.delay(retry, retryAfter));
    }

    public void pause(Duration delay) throws InterruptedIOException {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }
}
