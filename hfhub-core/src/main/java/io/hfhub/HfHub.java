package io.hfhub;

import io.hfhub.cache.RevisionVerifier;
import io.hfhub.config.Environment;
import io.hfhub.config.HubConfig;
import io.hfhub.config.HubPaths;
import io.hfhub.config.TokenSource;
import io.hfhub.http.Backoff;
import io.hfhub.http.Endpoint;
import io.hfhub.http.HubHttp;
import io.hfhub.http.RetryPolicy;
import io.hfhub.http.Sleeper;
import io.hfhub.http.UserAgent;
import io.hfhub.snapshot.RepoListing;
import io.hfhub.store.CacheLayout;
import io.hfhub.store.CommitHash;
import io.hfhub.store.SymlinkSupport;
import io.hfhub.transfer.ConnectionBudget;
import io.hfhub.transfer.InFlight;
import io.hfhub.transfer.Throttle;
import io.hfhub.transfer.TransferContext;
import io.hfhub.xet.Xet;
import io.hfhub.xet.XetSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/**
 * A Hugging Face Hub client that downloads into the cache the Python {@code huggingface_hub} client uses.
 * Immutable and thread-safe; make one and share it (it holds the connection pool, the bandwidth throttle and
 * the registry that lets concurrent requests for one file share one download).
 *
 * <pre>{@code
 * try (HfHub hub = HfHub.builder().build()) {          // settings from HF_ENDPOINT, HF_HUB_CACHE, HF_TOKEN, ...
 *     Path config = hub.download("openai-community/gpt2", "config.json");
 * }
 * }</pre>
 */
public final class HfHub implements AutoCloseable {
    private final HubRuntime runtime;
    private final Builder builder;
    private final AsyncCalls async;

    private HfHub(Builder builder, HubRuntime runtime, AsyncCalls async) {
        this.builder = builder;
        this.runtime = runtime;
        this.async = async;
    }

    /**
     * A builder whose unset values come from the process environment, as the Python client reads it.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this client's settings, to derive a variant (e.g. {@code .offline(true)}). The variant
     * shares this client's registry of downloads in progress, so the two never fetch one blob twice; connections
     * are kept alive JVM-wide by the JDK either way.
     *
     * @return a builder holding this client's settings
     */
    public Builder newBuilder() {
        Builder b = builder.copy();
        b.shared = new Shared(runtime.inFlight(), runtime.symlinkSupport(), async);
        return b;
    }

    /**
     * The cache folder a client uses when none is set, for {@code environment} (e.g. {@code System.getenv()}):
     * {@code HF_HUB_CACHE}, else {@code HUGGINGFACE_HUB_CACHE}, else {@code $HF_HOME/hub}, else
     * {@code $XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub}. A blank variable counts as
     * unset (Python would take it as the current folder).
     *
     * @param environment the variables to read, e.g. {@code System.getenv()}
     * @return the absolute cache folder
     */
    public static Path defaultCacheDir(Map<String, String> environment) {
        return HubPaths.hubCache(Environment.of(environment)).toAbsolutePath().normalize();
    }

    /** The settings in force (a test seam: {@code HubConfig} is internal). */
    HubConfig config() {
        return runtime.config();
    }

    /**
     * {@return the Hub this client talks to, e.g. {@code https://huggingface.co}, without a trailing slash}
     */
    public String endpoint() {
        return runtime.config().endpoint();
    }

    /**
     * {@return the cache folder this client downloads into (absolute), e.g. for {@link io.hfhub.cache.CacheScanner}}
     */
    public Path cacheDir() {
        return runtime.config().cacheDir();
    }

    /**
     * Downloads {@code filename} of the model repo {@code repoId} at {@code main}; returns its cache path.
     *
     * @param repoId {@code org/name} (or {@code name})
     * @param filename the file's path in the repository
     * @return the file's path in the cache, {@code snapshots/<commit>/<filename>}
     * @throws HfHubException as {@link #download(FileRequest)} does
     */
    public Path download(String repoId, String filename) {
        return download(FileRequest.of(repoId, filename));
    }

    /**
     * Downloads one file into the cache (or answers from it) and returns the path of
     * {@code snapshots/<commit>/<path>}; with {@code extract}, the folder its archive was extracted into.
     *
     * @param request the file and how to fetch it
     * @return the file's path in the cache (or in the request's {@code localDir}), or the extraction folder
     * @throws RepositoryNotFoundException if the repository does not exist or the token may not see it
     * @throws GatedRepoException if the repository is gated and the token has no access
     * @throws RevisionNotFoundException if the revision does not exist
     * @throws EntryNotFoundException if the file does not exist at that revision
     * @throws LocalEntryNotFoundException offline, or with the Hub unreachable, when the file is not cached
     * @throws ChecksumMismatchException if the bytes received do not hash to what the Hub announced
     * @throws MissingDependencyException with {@code extract}, if the archive's format needs a missing library
     * @throws HfHubException for any other failure (its message says what to do next)
     */
    public Path download(FileRequest request) {
        Objects.requireNonNull(request, "request");
        return Cancellation.run(describe(request), () -> new HubFileDownload(runtime, request).run());
    }

    /**
     * {@link #download(FileRequest)} on the {@linkplain #downloadAsync(FileRequest, Executor) default executor}.
     *
     * @param request the file
     * @return a future completed with what {@link #download(FileRequest)} returns, or with its exception
     */
    public CompletableFuture<Path> downloadAsync(FileRequest request) {
        return downloadAsync(request, async.defaultExecutor());
    }

    /**
     * {@link #download(FileRequest)} run on {@code executor}: the same blocking call, answered by a future. Its
     * {@code cancel(true)} interrupts the download, which stops at its next read from the network (a server that
     * sends nothing holds it until the download timeout), keeps the bytes already fetched of a large file, and
     * lets the next download of the file resume from them; a failure completes the future with the exception
     * {@code download} would throw.
     *
     * <p>The default executor (the one-argument form) is a cached pool of daemon threads named
     * {@code hfhub-async-N}, shared with the clients derived by {@link #newBuilder()}: one thread per call
     * running, each ending after 60 s idle. Concurrent calls share this client's connection limit
     * ({@link Builder#maxConnections}) and never fetch one file twice.
     *
     * @param request the file
     * @param executor where the blocking call runs
     * @return a future completed with what {@link #download(FileRequest)} returns, or with its exception
     */
    public CompletableFuture<Path> downloadAsync(FileRequest request, Executor executor) {
        Objects.requireNonNull(request, "request");
        return async.submit(() -> download(request), executor);
    }

    /**
     * Opens one file as a stream: from the cache when it is there, else straight from the network without
     * storing it (for files larger than the disk budget), through Xet for a Xet-backed file as for a download.
     * Network reads resume after faults and are verified: at the end of the stream a mismatch throws
     * {@link ChecksumMismatchException}. Reads through the cache; the request's {@code localDir} plays no part.
     *
     * @param request the file
     * @return the stream; the caller closes it
     * @throws IllegalArgumentException if the request asks to {@code extract}: an extraction answers a folder,
     *         which no stream can be; {@link #download(FileRequest)} gives it
     * @throws HfHubException as {@link #download(FileRequest)} does
     */
    public java.io.InputStream open(FileRequest request) {
        Objects.requireNonNull(request, "request");
        if (request.extract()) {
            throw new IllegalArgumentException("open() streams the file itself, so it cannot extract '"
                    + request.filename() + "': use download(request) for the extracted folder, or extract(false)");
        }
        return Cancellation.run(describe(request), () -> new HubFileDownload(runtime, request).openStream());
    }

    /**
     * Downloads a whole revision (the files matching the request's patterns) and returns the snapshot folder,
     * {@code snapshots/<commit>}, or the local folder with {@code localDir}. A cold run of a branch makes one
     * revision request and the listing, then fetches the files with no per-file metadata request; a warm run
     * of a branch makes exactly one request; a complete snapshot of a pinned commit makes none.
     *
     * @param request the repository, revision, patterns and options
     * @return the snapshot folder, or the request's {@code localDir}
     * @throws HfHubException as {@link #download(FileRequest)} does, for the revision or any of its files
     */
    public Path snapshot(SnapshotRequest request) {
        Objects.requireNonNull(request, "request");
        return Cancellation.run("the snapshot of '" + request.repoId() + "'",
                () -> new HubSnapshotDownload(runtime, request).run());
    }

    /**
     * {@link #snapshot(SnapshotRequest)} on the default executor (see {@link #downloadAsync(FileRequest, Executor)}).
     *
     * @param request the repository, revision, patterns and options
     * @return a future completed with the snapshot folder, or with the exception {@link #snapshot} throws
     */
    public CompletableFuture<Path> snapshotAsync(SnapshotRequest request) {
        return snapshotAsync(request, async.defaultExecutor());
    }

    /**
     * {@link #snapshot(SnapshotRequest)} run on {@code executor}, answered by a future; {@code cancel(true)} stops
     * every file of it as {@link #downloadAsync(FileRequest, Executor)} describes. The files are still fetched by
     * the snapshot's own workers ({@link SnapshotRequest.Builder#maxWorkers}), not on {@code executor}.
     *
     * @param request the repository, revision, patterns and options
     * @param executor where the blocking call runs
     * @return a future completed with the snapshot folder, or with the exception {@link #snapshot} throws
     */
    public CompletableFuture<Path> snapshotAsync(SnapshotRequest request, Executor executor) {
        Objects.requireNonNull(request, "request");
        return async.submit(() -> snapshot(request), executor);
    }

    /**
     * What {@link #snapshot} would fetch, with sizes and whether each file is already cached; fetches nothing.
     *
     * @param request the repository, revision, patterns and options
     * @return one entry per file the snapshot would hold
     */
    public List<DryRunEntry> snapshotDryRun(SnapshotRequest request) {
        Objects.requireNonNull(request, "request");
        return new HubSnapshotDownload(runtime, request).dryRun();
    }

    /**
     * The commit a revision resolves to and its files (filtered by the request's patterns), with sizes and hashes:
     * from the cache's {@code refs/} and {@code trees/} when they answer (or offline), else from the Hub's API.
     * Fetches no file.
     *
     * @param request the repository, revision and patterns
     * @return the commit and its files
     */
    public RepoFiles listFiles(SnapshotRequest request) {
        Objects.requireNonNull(request, "request");
        RepoListing listing = new HubSnapshotDownload(runtime, request).listing();
        return new RepoFiles(listing.commit().value(), listing.files().stream().map(RepoFileInfo::of).toList());
    }

    /**
     * {@code hf cache verify}: hashes the files of one revision, in the request's {@code localDir} or else in this
     * client's cache ({@code snapshots/<commit>}), against the listing {@link #listFiles} gives, and reports the
     * files that differ, are missing, or are not in the revision. Reads only.
     *
     * @param request the repository and revision
     * @return the files checked, and the mismatched, missing and extra ones
     */
    public RevisionVerifier.Report verifyRevision(SnapshotRequest request) {
        RepoFiles listing = listFiles(request);
        Path folder = request.localDir() != null ? request.localDir().toAbsolutePath().normalize()
                : new CacheLayout(cacheDir()).repo(request.repoType(), request.repoId())
                        .snapshot(CommitHash.of(listing.commit()));
        return RevisionVerifier.verify(folder, listing);
    }

    /**
     * The account of this client's token ({@code /api/whoami-v2}). Throws {@link HfHubException} when there is no
     * token, or when the Hub does not accept it.
     *
     * @return the user, organisations and token name and role
     */
    public WhoAmI whoami() {
        if (runtime.config().token() == null) {
            throw new HfHubException("not logged in: no token (run `hfhub auth login`, or set HF_TOKEN)");
        }
        try {
            return new io.hfhub.http.HubApi(runtime.http()).whoami();
        } catch (java.io.IOException e) {
            throw new HfHubException("could not ask " + runtime.config().endpoint() + " who the token belongs to: "
                    + e.getMessage(), e);
        }
    }

    HubRuntime runtime() {
        return runtime;
    }

    private static String describe(FileRequest request) {
        return "the download of '" + request.filename() + "' from '" + request.repoId() + "'";
    }

    /**
     * Ends this client's use: closes the connections it keeps alive between downloads over plain HTTP (those over
     * HTTPS live in the JDK's keep-alive cache and expire by themselves). Nothing else is held between calls, and a
     * client used after {@code close()} still works: it opens new connections.
     */
    @Override
    public void close() {
        runtime.http().closeIdleConnections();
    }

    /** What a derived client shares with its parent. */
    private record Shared(InFlight<Path, Boolean> inFlight, SymlinkSupport symlinks, AsyncCalls async) {}

    /** Settings for an {@link HfHub}; anything left unset comes from the environment. */
    public static final class Builder {
        private Environment env;
        private String endpoint;
        private Path cacheDir;
        private String token;
        private boolean tokenDisabled;
        private Boolean offline;
        private Duration etagTimeout;
        private Duration downloadTimeout;
        private Boolean disableSymlinks;
        private int maxAttempts = 5;
        private long bandwidthLimit;
        private int parallelRanges = TransferContext.DEFAULT_RANGE_CONNECTIONS;
        private long rangeThreshold = io.hfhub.transfer.RangePlan.DEFAULT_THRESHOLD;
        private long rangeChunkSize = io.hfhub.transfer.RangePlan.DEFAULT_CHUNK_SIZE;
        private Duration lease = Duration.ofSeconds(30);
        private boolean checkDiskSpace = true;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Backoff backoff = Backoff.DEFAULT;
        private Clock clock = Clock.systemUTC();
        private ExtractOptions extractOptions;
        private Shared shared;
        private int maxConnections = ConnectionBudget.DEFAULT;
        private Boolean disableXet;
        private Path xetCacheDir;
        private Long xetCacheSize;
        private SSLContext sslContext;
        private String libraryName;
        private String libraryVersion;
        private String userAgent;
        private Path caBundle;

        private Builder() {}

        Builder copy() {
            Builder b = new Builder();
            b.env = env;
            b.endpoint = endpoint;
            b.cacheDir = cacheDir;
            b.token = token;
            b.tokenDisabled = tokenDisabled;
            b.offline = offline;
            b.etagTimeout = etagTimeout;
            b.downloadTimeout = downloadTimeout;
            b.disableSymlinks = disableSymlinks;
            b.maxAttempts = maxAttempts;
            b.bandwidthLimit = bandwidthLimit;
            b.parallelRanges = parallelRanges;
            b.rangeThreshold = rangeThreshold;
            b.rangeChunkSize = rangeChunkSize;
            b.lease = lease;
            b.checkDiskSpace = checkDiskSpace;
            b.sleeper = sleeper;
            b.backoff = backoff;
            b.clock = clock;
            b.extractOptions = extractOptions;
            b.maxConnections = maxConnections;
            b.disableXet = disableXet;
            b.xetCacheDir = xetCacheDir;
            b.xetCacheSize = xetCacheSize;
            b.sslContext = sslContext;
            b.libraryName = libraryName;
            b.libraryVersion = libraryVersion;
            b.userAgent = userAgent;
            b.caBundle = caBundle;
            return b;
        }

        /**
         * The variables to read unset settings from ({@code HF_ENDPOINT}, {@code HF_HUB_CACHE}, {@code HF_TOKEN},
         * ...) instead of the process environment; an empty map gives every default.
         *
         * @param variables the variables
         * @return this builder
         */
        public Builder environment(Map<String, String> variables) {
            this.env = Environment.of(variables);
            return this;
        }

        /**
         * The Hub, e.g. {@code https://huggingface.co} (default {@code HF_ENDPOINT}).
         *
         * @param endpoint the Hub's URL; a path prefix (a mirror's) is kept
         * @return this builder
         */
        public Builder endpoint(String endpoint) {
            if (endpoint != null) {
                Endpoint.parse(endpoint); // refused here, at the call site, rather than at build()
            }
            this.endpoint = endpoint;
            return this;
        }

        /**
         * The cache folder (default {@code HF_HUB_CACHE}, else {@code $HF_HOME/hub}). An empty path is refused: it
         * would put the cache in whatever folder the process happens to run in.
         *
         * @param cacheDir the cache folder
         * @return this builder
         */
        public Builder cacheDir(Path cacheDir) {
            if (cacheDir != null && cacheDir.toString().isBlank()) {
                throw new IllegalArgumentException("empty cache folder: give a path, or leave it unset for the default");
            }
            this.cacheDir = cacheDir;
            return this;
        }

        /**
         * The token (default {@code HF_TOKEN}, else the token file). Sent only to the endpoint's host.
         *
         * @param token an access token
         * @return this builder
         */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /**
         * Never send a token, not even an implicit one.
         *
         * @return this builder
         */
        public Builder noToken() {
            this.tokenDisabled = true;
            return this;
        }

        /**
         * Make no HTTP request at all; answer from the cache (default {@code HF_HUB_OFFLINE}).
         *
         * @param offline true for no network
         * @return this builder
         */
        public Builder offline(boolean offline) {
            this.offline = offline;
            return this;
        }

        /**
         * Timeout of metadata requests (default {@code HF_HUB_ETAG_TIMEOUT}, 10 s).
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder etagTimeout(Duration timeout) {
            this.etagTimeout = timeout;
            return this;
        }

        /**
         * Connect timeout and longest wait for the next byte of a download (default
         * {@code HF_HUB_DOWNLOAD_TIMEOUT}, 10 s); a stalled connection is abandoned and resumed after it.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder downloadTimeout(Duration timeout) {
            this.downloadTimeout = timeout;
            return this;
        }

        /**
         * Store files in snapshots instead of symlinking blobs (default {@code HF_HUB_DISABLE_SYMLINKS}).
         *
         * @param disable true to store real files
         * @return this builder
         */
        public Builder disableSymlinks(boolean disable) {
            this.disableSymlinks = disable;
            return this;
        }

        /**
         * Consecutive failed attempts without progress before giving up (default 5).
         *
         * @param attempts at least 1
         * @return this builder
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Bytes per second for all downloads of this client together; 0 for no limit.
         *
         * @param bytesPerSecond the limit, or 0
         * @return this builder
         */
        public Builder bandwidthLimit(long bytesPerSecond) {
            this.bandwidthLimit = Math.max(0, bytesPerSecond);
            return this;
        }

        /**
         * Most connections one large file is fetched over, as parallel byte ranges (default 8; 1 fetches every
         * file as one stream). The number actually used adapts to the throughput they bring.
         *
         * @param maxConnections at least 1
         * @return this builder
         */
        public Builder parallelRanges(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("parallelRanges must be at least 1");
            }
            this.parallelRanges = maxConnections;
            return this;
        }

        /**
         * Smallest file fetched as parallel ranges (default 32 MiB).
         *
         * @param bytes the size in bytes
         * @return this builder
         */
        public Builder rangeThreshold(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("rangeThreshold must be positive");
            }
            this.rangeThreshold = bytes;
            return this;
        }

        /**
         * Bytes per range request of a parallel download (default 8 MiB).
         *
         * @param bytes the size in bytes
         * @return this builder
         */
        public Builder rangeChunkSize(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("rangeChunkSize must be positive");
            }
            this.rangeChunkSize = bytes;
            return this;
        }

        /**
         * How long a partial file's writer may go silent before another process adopts it (default 30 s).
         *
         * @param lease the lease
         * @return this builder
         */
        public Builder lease(Duration lease) {
            this.lease = Objects.requireNonNull(lease);
            return this;
        }

        /**
         * Check free disk space before a download (default true).
         *
         * @param check false to skip the check
         * @return this builder
         */
        public Builder checkDiskSpace(boolean check) {
            this.checkDiskSpace = check;
            return this;
        }

        /**
         * The wait between retries: {@code first}, doubling up to {@code max} (default 1 s and 8 s: 1, 2, 4, 8, 8 s),
         * plus up to 25 % random jitter; a server's {@code Retry-After} wins.
         *
         * @param first the first wait
         * @param max the longest wait
         * @return this builder
         * @throws IllegalArgumentException unless {@code 0 <= first <= max}
         */
        public Builder retryBackoff(Duration first, Duration max) {
            if (first.isNegative() || max.compareTo(first) < 0) {
                throw new IllegalArgumentException("retryBackoff needs 0 <= first <= max");
            }
            this.backoff = new Backoff(first, max);
            return this;
        }

        /**
         * Limits for archives extracted by downloads with {@code extract} (default: from HFHUB_EXTRACT_MAX_BYTES).
         *
         * @param options the limits
         * @return this builder
         */
        public Builder extractOptions(ExtractOptions options) {
            this.extractOptions = options;
            return this;
        }

        /**
         * Download connections of this client at once, shared by the files of a snapshot and the ranges of its
         * large files (default 16).
         *
         * @param connections at least 1
         * @return this builder
         */
        public Builder maxConnections(int connections) {
            if (connections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1");
            }
            this.maxConnections = connections;
            return this;
        }

        /**
         * Fetch Xet-backed files by plain HTTP through the resolve redirect, as a client without Xet does (default
         * {@code HF_HUB_DISABLE_XET}). Files over the Hub's plain-HTTP limit then cannot be downloaded.
         *
         * @param disable true for plain HTTP
         * @return this builder
         */
        public Builder disableXet(boolean disable) {
            this.disableXet = disable;
            return this;
        }

        /**
         * Where Xet chunk ranges are kept for reuse by later downloads (default
         * {@code $HF_XET_CACHE/hfhub-chunk-cache}, {@code HF_XET_CACHE} defaulting to {@code $HF_HOME/xet}).
         *
         * @param dir the folder
         * @return this builder
         */
        public Builder xetCacheDir(Path dir) {
            this.xetCacheDir = Objects.requireNonNull(dir);
            return this;
        }

        /**
         * The Xet chunk cache's bound in bytes, 0 for none (default {@code HF_XET_CHUNK_CACHE_SIZE_BYTES}, else 10 GB).
         *
         * @param bytes the bound in bytes, or 0
         * @return this builder
         */
        public Builder xetCacheSize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("xetCacheSize must not be negative");
            }
            this.xetCacheSize = bytes;
            return this;
        }

        /**
         * The TLS context of HTTPS connections, used as it is (default: the JVM's trust store plus the PEM
         * certificates of {@code REQUESTS_CA_BUNDLE}, {@code CURL_CA_BUNDLE}, {@code SSL_CERT_FILE} and
         * {@code SSL_CERT_DIR}).
         *
         * @param context the context
         * @return this builder
         */
        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        /**
         * A PEM file of CA certificates trusted for HTTPS in addition to the JVM's (and to those named by
         * {@code REQUESTS_CA_BUNDLE} and the like): the CA of a proxy that inspects TLS, or of a private mirror.
         * Read at {@link #build()}, which fails naming the file when it cannot be read or holds no certificate.
         * Not combined with {@link #sslContext}, which is used as it is.
         *
         * @param pemFile the PEM file, or null for none
         * @return this builder
         */
        public Builder caBundle(Path pemFile) {
            this.caBundle = pemFile;
            return this;
        }

        /**
         * The library using hfhub, named first in the {@code User-Agent} ({@code name/version; hfhub/…; java/…}), as
         * the Python client's {@code library_name} does, so the Hub's operators can tell its traffic apart. An HTTP
         * token: letters, digits and {@code !#$%&'*+-.^_`|~}.
         *
         * @param name the library's name, or null for none
         * @return this builder
         * @throws IllegalArgumentException for any other character
         */
        public Builder libraryName(String name) {
            this.libraryName = name == null ? null : UserAgent.requireToken(name, "libraryName");
            return this;
        }

        /**
         * The version of the {@linkplain #libraryName library}, the Python client's {@code library_version}; the
         * same characters as the name.
         *
         * @param version the library's version, or null for none
         * @return this builder
         * @throws IllegalArgumentException for any other character
         */
        public Builder libraryVersion(String version) {
            this.libraryVersion = version == null ? null : UserAgent.requireToken(version, "libraryVersion");
            return this;
        }

        /**
         * Free text appended to the {@code User-Agent} (the Python client's {@code user_agent} string), e.g.
         * {@code "pipeline/nightly"}; {@code HF_HUB_USER_AGENT_ORIGIN} is appended after it as {@code origin/…}.
         * Printable ASCII only: a CR, LF or other control character is refused here, since it could end the header.
         *
         * @param text the text, or null for none
         * @return this builder
         * @throws IllegalArgumentException for a blank text or a character outside printable ASCII
         */
        public Builder userAgent(String text) {
            this.userAgent = text == null ? null : UserAgent.requireText(text, "userAgent").strip();
            return this;
        }

        /** Test seam: how retries wait. */
        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        /** Test seam: the clock of leases and heartbeats. */
        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /**
         * Builds the client, reading what was not set from the environment.
         *
         * @return the client
         * @throws IllegalArgumentException if the endpoint is not an http(s) URL
         */
        public HfHub build() {
            requireOneTrustSetting();
            Environment e = env != null ? env : Environment.system();
            String ep = endpoint != null ? endpoint : e.get("HF_ENDPOINT");
            if (ep == null || (endpoint == null && ep.isBlank())) {
                ep = e.flag("HUGGINGFACE_CO_STAGING") ? "https://hub-ci.huggingface.co" : "https://huggingface.co";
            }
            Endpoint parsedEndpoint = Endpoint.parse(ep);
            String tok = tokenDisabled ? null : token != null ? TokenSource.clean(token) : TokenSource.implicitToken(e);
            HubConfig config = new HubConfig(parsedEndpoint.url(),
                    (cacheDir != null ? cacheDir : HubPaths.hubCache(e)).toAbsolutePath().normalize(),
                    tok,
                    offline != null ? offline : e.flag("HF_HUB_OFFLINE"),
                    etagTimeout != null ? etagTimeout : seconds(e, "HF_HUB_ETAG_TIMEOUT"),
                    downloadTimeout != null ? downloadTimeout : seconds(e, "HF_HUB_DOWNLOAD_TIMEOUT"),
                    disableSymlinks != null ? disableSymlinks : e.flag("HF_HUB_DISABLE_SYMLINKS"),
                    maxAttempts, bandwidthLimit, lease, checkDiskSpace,
                    userAgent(e));
            RetryPolicy retry = new RetryPolicy(maxAttempts, backoff, sleeper);
            HubHttp http = new HubHttp(parsedEndpoint, config.token(), config.userAgent(), config.etagTimeout(),
                    config.downloadTimeout(), retry, e, sslContext, caBundle);
            TransferContext transfers = new TransferContext(http, new Throttle(bandwidthLimit), retry, clock, lease,
                    checkDiskSpace, TransferContext.DEFAULT_BUFFER, parallelRanges, rangeThreshold, rangeChunkSize,
                    new ConnectionBudget(maxConnections));
            ExtractOptions extract = extractOptions != null ? extractOptions : ExtractOptions.fromEnvironment(e.asMap());
            InFlight<Path, Boolean> inFlight = shared == null ? new InFlight<>() : shared.inFlight();
            SymlinkSupport symlinks = shared == null ? new SymlinkSupport() : shared.symlinks();
            return new HfHub(copy(), new HubRuntime(config, http, transfers, inFlight, symlinks, extract,
                    Xet.create(xetSettings(e), http, clock)), shared == null ? new AsyncCalls() : shared.async());
        }

        private void requireOneTrustSetting() {
            if (caBundle != null && sslContext != null) {
                throw new IllegalStateException("caBundle and sslContext are both set: the SSLContext is used as it is,"
                        + " so add the bundle's certificates to its trust instead");
            }
        }

        private String userAgent(Environment e) {
            if (libraryVersion != null && libraryName == null) {
                throw new IllegalStateException("libraryVersion is set without libraryName");
            }
            return UserAgent.of(libraryName, libraryVersion,
                    "hfhub/" + HfHubVersion.VERSION + "; java/" + Runtime.version().feature(), userAgent,
                    e.get("HF_HUB_USER_AGENT_ORIGIN"));
        }

        private XetSettings xetSettings(Environment e) {
            XetSettings fromEnv = XetSettings.fromEnvironment(e);
            return new XetSettings(disableXet != null ? disableXet : fromEnv.disabled(),
                    xetCacheDir != null ? xetCacheDir.toAbsolutePath() : fromEnv.cacheDir(),
                    xetCacheSize != null ? xetCacheSize : fromEnv.cacheBytes());
        }

        private static Duration seconds(Environment e, String name) {
            return Duration.ofMillis((long) (e.seconds(name, 10) * 1000));
        }
    }
}
