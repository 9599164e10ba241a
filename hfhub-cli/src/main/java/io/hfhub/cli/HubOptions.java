package io.hfhub.cli;

import io.hfhub.HfHub;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command that talks to a Hub shares; unset ones fall back to the environment. */
final class HubOptions {
    @Option(names = "--cache-dir", paramLabel = "DIR", converter = FolderConverter.class, description = "Cache folder (default: HF_HUB_CACHE, else $HF_HOME/hub).")
    Path cacheDir;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Access token (default: HF_TOKEN, else the token file). Sent only to the endpoint.")
    String token;

    @Option(names = "--endpoint", paramLabel = "URL", converter = EndpointConverter.class, description = "Hub endpoint (default: HF_ENDPOINT, else https://huggingface.co).")
    String endpoint;

    @Option(names = "--offline", description = "Make no network request; answer from the cache (also HF_HUB_OFFLINE=1).")
    boolean offline;

    @Option(names = "--limit-rate", paramLabel = "RATE", converter = SizeParser.class,
            description = "Bandwidth limit for all transfers together, bytes per second with K, M, G suffixes (1024-based), like curl.")
    long limitRate;

    @Option(names = "--parallel-ranges", paramLabel = "N",
            description = "Most connections for one large file, fetched as byte ranges (default 8; 1: one stream per file).")
    Integer parallelRanges;

    @Option(names = "--skip-disk-check", description = "Do not check free disk space before a download.")
    boolean skipDiskCheck;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Most download connections at once, shared by all files and ranges (default 16).")
    Integer maxConnections;

    @Option(names = "--disable-xet",
            description = "Fetch Xet-backed files by plain HTTP, without Xet (also HF_HUB_DISABLE_XET=1).")
    boolean disableXet;

    HfHub.Builder builder() {
        HfHub.Builder b = HfHub.builder();
        if (cacheDir != null) {
            b.cacheDir(cacheDir);
        }
        if (maxConnections != null) {
            b.maxConnections(maxConnections);
        }
        if (skipDiskCheck) {
            b.checkDiskSpace(false);
        }
        if (token != null) {
            b.token(token);
        }
        if (endpoint != null) {
            b.endpoint(endpoint);
        } else {
            EndpointConverter.checkEnvironment();
        }
        if (offline) {
            b.offline(true);
        }
        if (limitRate > 0) {
            b.bandwidthLimit(limitRate);
        }
        if (parallelRanges != null) {
            b.parallelRanges(parallelRanges);
        }
        if (disableXet) {
            b.disableXet(true);
        }
        return b;
    }
}
