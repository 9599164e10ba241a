package io.hfhub.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything an {@code HfHub} was configured with, after the builder's values were merged with the
 * environment. The token is deliberately absent from {@link #toString()}.
 *
 * @param bandwidthLimit bytes per second for all transfers together; 0 for none
 * @param lease          how long a partial file's owner may go without a heartbeat before others adopt it
 */
public record HubConfig(String endpoint, Path cacheDir, String token, boolean offline, Duration etagTimeout,
        Duration downloadTimeout, boolean disableSymlinks, int maxAttempts, long bandwidthLimit, Duration lease,
        boolean checkDiskSpace, String userAgent) {

    @Override
    public String toString() {
        return "HubConfig[endpoint=" + endpoint + ", cacheDir=" + cacheDir + ", token=" + (token == null ? "none" : "***")
                + ", offline=" + offline + ", etagTimeout=" + etagTimeout + ", downloadTimeout=" + downloadTimeout
                + ", disableSymlinks=" + disableSymlinks + ", maxAttempts=" + maxAttempts + ", bandwidthLimit="
                + bandwidthLimit + ", lease=" + lease + "]";
    }
}
