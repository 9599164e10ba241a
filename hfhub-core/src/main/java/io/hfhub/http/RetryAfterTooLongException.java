package io.hfhub.http;

import java.io.IOException;
import java.time.Duration;

/**
 * The server answered "busy" with a {@code Retry-After} longer than hfhub waits: reported at once (a process
 * silently sleeping for a day looks hung) instead of slept through. Never retried.
 */
public final class RetryAfterTooLongException extends IOException {
    private final Duration asked;

    public RetryAfterTooLongException(Duration asked, Duration limit) {
        super("the server asks to wait " + asked.toSeconds() + " s before trying again (hfhub waits at most "
                + limit.toSeconds() + " s): try again later");
        this.asked = asked;
    }

    /** How long the server asked to wait. */
    public Duration asked() {
        return asked;
    }
}
