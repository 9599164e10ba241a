package io.hfhub.transfer;

import io.hfhub.ProgressListener;
import io.hfhub.http.HubHttp;
import io.hfhub.http.RetryPolicy;
import java.time.Clock;
import java.time.Duration;

/**
 * What every transfer of one {@code HfHub} shares: the HTTP spine, the bandwidth throttle, the retry policy,
 * the clock and the lease length.
 *
 * @param checkDiskSpace fail before a download when the disk lacks room for it
 */
public record TransferContext(HubHttp http, Throttle throttle, RetryPolicy retryPolicy, Clock clock,
        Duration lease, boolean checkDiskSpace, int bufferSize) {

    public static final int DEFAULT_BUFFER = 256 * 1024;

    long now() {
        return clock.millis();
    }

    ProgressListener none() {
        return ProgressListener.NONE;
    }
}
