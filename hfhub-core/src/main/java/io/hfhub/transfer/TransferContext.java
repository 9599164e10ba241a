package io.hfhub.transfer;

import io.hfhub.http.HubHttp;
import io.hfhub.http.RetryPolicy;
import java.time.Clock;
import java.time.Duration;

/**
 * What every transfer of one {@code HfHub} shares: the HTTP spine, the bandwidth throttle, the retry policy,
 * the clock and the lease length.
 *
 * @param checkDiskSpace fail before a download when the disk lacks room for it
 * @param rangeConnections most connections for one file fetched as parallel ranges; 1 disables ranges
 * @param rangeThreshold   smallest file fetched as parallel ranges
 * @param rangeChunkSize   bytes per range request
 */
public record TransferContext(HubHttp http, Throttle throttle, RetryPolicy retryPolicy, Clock clock,
        Duration lease, boolean checkDiskSpace, int bufferSize, int rangeConnections, long rangeThreshold,
        long rangeChunkSize, ConnectionBudget connections) {

    public static final int DEFAULT_BUFFER = 256 * 1024;
    /** Connections per file for parallel ranges; HTTP/1.1, so each is its own TCP connection. */
    public static final int DEFAULT_RANGE_CONNECTIONS = 8;

    /** Whether a file of {@code size} bytes is fetched as parallel ranges. */
    public boolean useRanges(long size) {
        return rangeConnections > 1 && size >= rangeThreshold;
    }

    long now() {
        return clock.millis();
    }
}
