package io.hfhub.http;

import java.time.Duration;

/** Waits between retries; injectable so tests need not sleep. */
@FunctionalInterface
public interface Sleeper {
    Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
