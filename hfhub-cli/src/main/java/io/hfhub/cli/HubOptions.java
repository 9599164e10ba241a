package io.hfhub.cli;

import io.hfhub.HfHub;
import java.nio.file.Path;
import io.hfhub.ByteSize;
import java.util.List;

/** Options every command that talks to a Hub shares; unset ones fall back to the environment. */
final class HubOptions {
    static final List<CommandSpec.Opt> OPTIONS = List.of(
            CommandSpec.Opt.value("--cache-dir", "DIR", "Cache folder (default: HF_HUB_CACHE, else $HF_HOME/hub)."),
            CommandSpec.Opt.value("--token", "TOKEN",
                    "Access token (default: HF_TOKEN, else the token file). Sent only to the endpoint."),
            CommandSpec.Opt.value("--endpoint", "URL", "Hub endpoint (default: HF_ENDPOINT, else https://huggingface.co)."),
            CommandSpec.Opt.flag("--offline", "Make no network request; answer from the cache (also HF_HUB_OFFLINE=1)."),
            CommandSpec.Opt.value("--limit-rate", "RATE", "Bandwidth limit for all transfers together, bytes per second"
                    + " with K, M, G suffixes (1024-based), like curl."),
            CommandSpec.Opt.value("--parallel-ranges", "N",
                    "Most connections for one large file, fetched as byte ranges (default 8; 1: one stream per file)."),
            CommandSpec.Opt.flag("--skip-disk-check", "Do not check free disk space before a download."),
            CommandSpec.Opt.value("--max-connections", "N",
                    "Most download connections at once, shared by all files and ranges (default 16)."),
            CommandSpec.Opt.flag("--disable-xet",
                    "Fetch Xet-backed files by plain HTTP, without Xet (also HF_HUB_DISABLE_XET=1)."));

    private final Path cacheDir;
    private final String token;
    private final String endpoint;
    private final boolean offline;
    private final long limitRate;
    private final Integer parallelRanges;
    private final boolean skipDiskCheck;
    private final Integer maxConnections;
    private final boolean disableXet;

    HubOptions(Arguments args) {
        cacheDir = args.value("--cache-dir", FolderConverter::convert, null);
        token = args.value("--token");
        endpoint = args.value("--endpoint", EndpointConverter::convert, null);
        offline = args.has("--offline");
        limitRate = args.value("--limit-rate", ByteSize::parse, 0L);
        parallelRanges = args.value("--parallel-ranges", Arguments::integer, null);
        skipDiskCheck = args.has("--skip-disk-check");
        maxConnections = args.value("--max-connections", Arguments::integer, null);
        disableXet = args.has("--disable-xet");
    }

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
