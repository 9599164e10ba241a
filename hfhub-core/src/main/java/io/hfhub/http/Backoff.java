package io.hfhub.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: 1 s, 2 s, 4 s, 8 s, 8 s... (the Python client's schedule) plus up to 25 %
 * random jitter so parallel workers do not retry in lockstep. A server's {@code Retry-After} (seconds) wins.
 */
public record Backoff(Duration base, Duration cap) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8));

    /** The wait before retry number {@code retry} (1-based), honouring a {@code Retry-After} header value. */
    public Duration delay(int retry, String retryAfter) {
        Duration server = parseRetryAfter(retryAfter);
        if (server != null) {
            return server.compareTo(Duration.ofMinutes(5)) > 0 ? Duration.ofMinutes(5) : server;
        }
        long baseMs = base.toMillis();
        long ms = Math.min(cap.toMillis(), baseMs << Math.min(20, Math.max(0, retry - 1)));
        long jitter = ms / 4 > 0 ? ThreadLocalRandom.current().nextLong(ms / 4 + 1) : 0;
        return Duration.ofMillis(ms + jitter);
    }

    /** Only the delta-seconds form; an HTTP-date is ignored, as the Python client does. */
    static Duration parseRetryAfter(String value) {
        if (value == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
