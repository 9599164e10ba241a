package io.hfhub.transfer;

import io.hfhub.ChecksumMismatchException;
import io.hfhub.HfHubException;
import io.hfhub.ProgressListener;
import io.hfhub.http.HubCall;
import io.hfhub.http.HubResponse;
import io.hfhub.http.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.RandomAccessFile;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches one large blob as byte ranges over several HTTP/1.1 connections at once, written in place into its
 * {@code .incomplete} file, then verifies and publishes it like {@link BlobTransfer} (same contract, same errors).
 *
 * <p>Why: CDNs cap each connection, so one stream leaves most of a fast link idle. Why adaptive: on a link that one
 * stream already fills, more connections only add contention, so the count starts at a few and grows only while
 * the aggregate throughput grows ({@link AdaptiveConcurrency}); a 429, or a 403 from the CDN, halves it.
 *
 * <p>The pipeline per connection: take the next missing chunk → {@code GET} with {@code Range: bytes=a-b} (a 206
 * starting at {@code a}, else fall back) → throttle (shared, so the limit covers the sum) → positional write →
 * record the finished sub-range → progress. Finished sub-ranges go to the resume state at most once a second, so a
 * killed process fetches only what is missing, and a cut connection resumes its chunk where it stopped. The retry
 * budget counts consecutive failures without progress per chunk, as {@link BlobTransfer} does per file.
 *
 * <p>Hashing (SHA-256 / git SHA-1 must see the bytes in order): the calling thread follows the finished prefix of
 * the file ({@link CompletedRanges#contiguousPrefix()}) and hashes it back from the page cache while later chunks
 * are still arriving, so at the end only the last chunk or so is left to hash. Hashing after the download would add
 * a full pass over the file to the total (0.53 s per GiB for SHA-256 with SHA-NI on the bench machine, JDK 17),
 * while the overlapped read-back runs on the calling thread while the connections wait on the network, from the page
 * cache. On resume the finished prefix is hashed first, by the same loop.
 *
 * <p>A server that answers a range request with 200 (it ignores {@code Range}) or with a 206 starting elsewhere gets
 * the file as one stream instead: the finished prefix is kept (nothing after it) and {@link BlobTransfer} continues.
 */
public final class RangedTransfer {
    private static final long STATE_INTERVAL_MILLIS = 1000;
    private static final int HASH_BUFFER = 1 << 20;
    /** Hash at most this much before looking at the workers again, so failures surface promptly. */
    private static final long HASH_SLICE = 64L << 20;
    private static final long WAIT_MILLIS = 50;
    /**
     * The connection controller's measuring window. Shorter than its 1 s default because one file is a short
     * transfer: from 4 connections, one step per window reaches 8 after 4 windows, and with 1 s windows that ramp
     * was 40 % of a 1 GiB download on a CDN capped at 50 MB/s per connection (bench/download, part c). Bytes are
     * reported per read (at most 256 KiB), so a quarter second still averages hundreds of samples on a fast link.
     */
    static final Duration ADAPT_WINDOW = Duration.ofMillis(250);

    private final TransferContext ctx;
    private final TransferTarget target;
    private final SharedLocation location;
    private final ProgressListener listener;
    private final Owner owner;
    private final int maxConnections;
    private final long chunkSize;

    private final Object stateLock = new Object();
    private ResumeState state; // guarded by stateLock
    private volatile long lastStateWrite;
    private CompletedRanges completed;
    private final AtomicLong doneBytes = new AtomicLong();
    private ContentHasher hasher;
    private long hashed;
    private FileChannel file;

    public RangedTransfer(TransferContext ctx, TransferTarget target, LocationSource location, ProgressListener listener,
            Owner owner, int maxConnections) {
        this(ctx, target, location, listener, owner, maxConnections, ctx.rangeChunkSize());
    }

    public RangedTransfer(TransferContext ctx, TransferTarget target, LocationSource location, ProgressListener listener,
            Owner owner, int maxConnections, long chunkSize) {
        if (maxConnections < 1 || chunkSize < 1) {
            throw new IllegalArgumentException("maxConnections=" + maxConnections + ", chunkSize=" + chunkSize);
        }
        this.ctx = ctx;
        this.target = target;
        this.listener = listener;
        this.owner = owner;
        this.maxConnections = maxConnections;
        this.chunkSize = chunkSize;
        this.location = new SharedLocation(location);
    }

    /**
     * Downloads, verifies and publishes a blob, as parallel ranges when the context allows it for its size (see
     * {@link TransferContext#useRanges}), else as one stream; returns the blob's path.
     */
    public static Path transfer(TransferContext ctx, TransferTarget target, LocationSource location,
            ProgressListener listener, Owner owner) {
        if (ctx.useRanges(target.size())) {
            return new RangedTransfer(ctx, target, location, listener, owner, ctx.rangeConnections()).run();
        }
        return new BlobTransfer(ctx, target, location, listener, owner).run();
    }

    /** Downloads, verifies and publishes the blob; returns its path. */
    public Path run() {
        if (target.size() <= 0) {
            return new BlobTransfer(ctx, target, location, listener, owner).run();
        }
        Fallback fallback;
        try {
            Files.createDirectories(target.incomplete().getParent());
            prepareResume();
            DiskSpace.require(ctx, target.incomplete().getParent(), target.size() - doneBytes.get(), target.name());
            listener.started(target.name(), target.size(), doneBytes.get());
            fallback = downloadAndVerify();
            if (fallback == null) {
                publish();
                listener.finished(target.name(), target.size());
                return target.blob();
            }
            continueAsOneStream(fallback);
        } catch (HfHubException e) {
            ResumeState.release(target.stateFile()); // the partial file stays; the next try may adopt it at once
            listener.failed(target.name(), e);
            throw e;
        } catch (IOException e) {
            ResumeState.release(target.stateFile());
            HfHubException failure = DiskSpace.failed(target.name(), target.incomplete(), true, e);
            listener.failed(target.name(), failure);
            throw failure;
        }
        return new BlobTransfer(ctx, target, location, new AlreadyStarted(listener), owner).run();
    }

    /** Fetches every missing range; null when the file is complete and verified, else why to use one stream. */
    private Fallback downloadAndVerify() throws IOException {
        boolean freshAttemptUsed = false;
        try (FileChannel channel = FileChannel.open(target.incomplete(), StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            file = channel;
            while (true) {
                Fallback fallback = new Pass().run();
                if (fallback != null) {
                    return fallback;
                }
                if (hasher.matches(target.etag())) {
                    return null;
                }
                String problem = "content does not hash to " + target.etag();
                if (freshAttemptUsed) {
                    channel.close();
                    Files.deleteIfExists(target.incomplete());
                    Files.deleteIfExists(target.stateFile()); // no orphan resume state for a partial that is gone
                    throw new ChecksumMismatchException("download of " + target.name() + " failed verification twice ("
                            + problem + "); nothing was written to the cache. The server may be serving corrupt data: try again later");
                }
                freshAttemptUsed = true;
                listener.retrying(target.name(), 1, "verification failed (" + problem + "), restarting from zero", 0);
                startFresh();
            }
        } finally {
            file = null;
        }
    }

    /**
     * Continues finished ranges of a partial file of the same etag and size, whether it was written in ranges or
     * as one stream (then its bytes on disk are one finished range from zero); anything else is discarded.
     */
    private void prepareResume() throws IOException {
        long now = ctx.now();
        ResumeState previous = ResumeState.read(target.stateFile()).orElse(null);
        long onDisk = Files.exists(target.incomplete()) ? Files.size(target.incomplete()) : -1;
        CompletedRanges resumed = null;
        if (previous != null && previous.matches(target, onDisk)) {
            resumed = previous.ranges() == null ? sequentialPrefix(onDisk) : rangesWithin(previous, onDisk);
        }
        if (resumed == null) {
            Files.deleteIfExists(target.incomplete());
            resumed = new CompletedRanges();
        }
        completed = resumed;
        doneBytes.set(completed.completedBytes());
        hasher = ContentHasher.forEtag(target.etag(), target.size());
        hashed = 0;
        long startedAt = previous != null && doneBytes.get() > 0 ? previous.startedAt() : now;
        // The state with ranges first, then the pre-sized file: killed in between, the next run must not take a
        // full-length sparse file for a sequential one that is complete.
        synchronized (stateLock) {
            state = new ResumeState(ResumeState.VERSION, target.resolveUrl(), target.etag().value(), target.size(),
                    target.commit().value(), doneBytes.get(), startedAt, now, owner.heartbeat(now), completed.toList());
            state.write(target.stateFile());
            lastStateWrite = now;
        }
        // Pre-size the file (sparse) so every range can be written at its place by any connection.
        try (RandomAccessFile raf = new RandomAccessFile(target.incomplete().toFile(), "rw")) {
            raf.setLength(target.size());
        }
    }

    private static CompletedRanges sequentialPrefix(long onDisk) {
        CompletedRanges set = new CompletedRanges();
        if (onDisk > 0) {
            set.add(0, onDisk - 1);
        }
        return set;
    }

    /** The recorded ranges, or null when they claim bytes the file cannot hold (then nothing is trusted). */
    private static CompletedRanges rangesWithin(ResumeState previous, long onDisk) {
        try {
            CompletedRanges set = CompletedRanges.fromList(previous.ranges());
            boolean fits = set.ranges().stream().allMatch(r -> r.end() < onDisk);
            return fits ? set : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void startFresh() throws IOException {
        file.truncate(0);
        try (RandomAccessFile raf = new RandomAccessFile(target.incomplete().toFile(), "rw")) {
            raf.setLength(target.size());
        }
        completed = new CompletedRanges();
        doneBytes.set(0);
        hasher = hasher.fresh();
        hashed = 0;
        listener.progress(target.name(), 0, target.size());
        saveState();
    }

    /**
     * Leaves the partial file as a one-stream download would: its finished prefix (or nothing), with a sequential
     * resume state, for {@link BlobTransfer} to continue.
     */
    private void continueAsOneStream(Fallback fallback) throws IOException {
        long keep = fallback.keepPrefix ? completed.contiguousPrefix() : 0;
        try (FileChannel channel = FileChannel.open(target.incomplete(), StandardOpenOption.WRITE)) {
            channel.truncate(keep);
        }
        long now = ctx.now();
        synchronized (stateLock) {
            state = new ResumeState(ResumeState.VERSION, target.resolveUrl(), target.etag().value(), target.size(),
                    target.commit().value(), keep, state.startedAt(), now, owner.heartbeat(now), null);
            state.write(target.stateFile());
            lastStateWrite = now;
        }
        listener.retrying(target.name(), 1, fallback.reason + ", continuing as one stream from byte " + keep, 0);
    }

    private void saveStateIfDue() throws IOException {
        if (ctx.now() - lastStateWrite >= STATE_INTERVAL_MILLIS) {
            synchronized (stateLock) {
                if (ctx.now() - lastStateWrite >= STATE_INTERVAL_MILLIS) {
                    saveState();
                }
            }
        }
    }

    /** Records the finished ranges and renews the owner's lease (the heartbeat). */
    private void saveState() throws IOException {
        synchronized (stateLock) {
            requireStillOwner();
            long now = ctx.now();
            state = state.withRanges(completed.toList(), doneBytes.get(), now);
            state.write(target.stateFile());
            lastStateWrite = now;
        }
    }

    /**
     * After a long stall another process may have adopted our partial file (our lease expired): check before
     * writing another byte, so two writers never share it. Cheap: only when our heartbeat is half a lease old.
     */
    private void requireStillOwner() throws IOException {
        requireStillOwner(false);
    }

    private void requireStillOwner(boolean always) throws IOException {
        if (!always && ctx.now() - lastStateWrite < ctx.lease().toMillis() / 2) {
            return;
        }
        ResumeState.requireOwner(target.stateFile(), owner.id(), target.name());
    }

    private void publish() throws IOException {
        requireStillOwner(true); // never publish a file another process adopted meanwhile
        Files.move(target.incomplete(), target.blob(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(target.stateFile());
    }

    /**
     * One pass over the missing ranges: workers on a pool owned by the pass fetch chunks from a shared queue while
     * this thread hashes the finished prefix. The pool is shut down and in-flight calls cancelled however it ends.
     */
    private final class Pass {
        private final Deque<ByteRange> queue =
                new ConcurrentLinkedDeque<>(RangePlan.split(completed.missing(target.size()), chunkSize));
        private final AdaptiveConcurrency adaptive = new AdaptiveConcurrency(AdaptiveConcurrency.DEFAULT_INITIAL,
                maxConnections, ADAPT_WINDOW, System::nanoTime);
        private final AtomicInteger active = new AtomicInteger();
        private final Set<HubCall> calls = ConcurrentHashMap.newKeySet();
        private final Object monitor = new Object();
        private final ExecutorService pool = Executors.newCachedThreadPool(new WorkerThreads(target.name()));
        private volatile boolean stop;
        private volatile Throwable failure;
        private volatile Fallback fallback;

        Pass() {
            location.onRefresh = adaptive::onThrottled;
        }

        /** Null when every byte is written and hashed; a fallback when the server does not serve ranges. */
        Fallback run() throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(HASH_BUFFER);
            try {
                while (true) {
                    rethrowFailure();
                    if (fallback != null) {
                        return fallback;
                    }
                    spawnWorkers();
                    hashFinishedPrefix(buffer);
                    if (hashed == target.size()) {
                        return null;
                    }
                    awaitNews();
                }
            } catch (IOException | RuntimeException | Error e) {
                stop();
                try {
                    saveState(); // keep what the workers finished, for the next attempt or process
                } catch (IOException | RuntimeException suppressed) {
                    if (suppressed != e) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            } finally {
                stop();
            }
        }

        private void spawnWorkers() {
            while (!queue.isEmpty() && active.get() < adaptive.limit()) {
                active.incrementAndGet();
                pool.execute(new Worker());
            }
            // Workers publish a failure before they stop counting as active: read the count first.
            if (active.get() == 0 && failure == null && fallback == null && queue.isEmpty()
                    && completed.contiguousPrefix() < target.size()) {
                throw new IllegalStateException("no range left to fetch but " + completed.missing(target.size())
                        + " missing in " + target.name());
            }
        }

        /** Feeds the hasher with the bytes from where it stopped to the end of the finished prefix. */
        private void hashFinishedPrefix(ByteBuffer buffer) throws IOException {
            long prefix = Math.min(completed.contiguousPrefix(), hashed + HASH_SLICE);
            while (hashed < prefix) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), prefix - hashed));
                int n = file.read(buffer, hashed);
                if (n < 0) {
                    throw new IOException("the partial file " + target.incomplete() + " shrank while being written");
                }
                buffer.flip();
                hasher.update(buffer);
                hashed += n;
                // hashing a large resumed prefix can outlast the lease: keep the heartbeat going meanwhile
                saveStateIfDue();
            }
        }

        private void awaitNews() throws InterruptedIOException {
            synchronized (monitor) {
                if (failure == null && fallback == null && completed.contiguousPrefix() == hashed) {
                    try {
                        monitor.wait(WAIT_MILLIS); // also the tick at which a raised connection limit is used
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted while downloading " + target.name());
                    }
                }
            }
        }

        private void wake() {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }

        private void rethrowFailure() throws IOException {
            Throwable t = failure;
            if (t instanceof IOException e) {
                throw e;
            }
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
        }

        private void fail(Throwable t) {
            if (!stop && failure == null) {
                failure = t;
            }
            wake();
        }

        private void stop() {
            stop = true;
            calls.forEach(HubCall::cancel);
            pool.shutdownNow();
            // Called from finally blocks: it must not replace the outcome with an exception of its own. Workers
            // whose calls were cancelled stop within a read; an interrupt of this thread does not skip the wait.
            boolean interrupted = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!pool.isTerminated() && System.nanoTime() < deadline) {
                try {
                    pool.awaitTermination(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (!pool.isTerminated()) {
                java.util.logging.Logger.getLogger(RangedTransfer.class.getName())
                        .warning("range workers of " + target.name() + " did not stop within 30 s");
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Fetches chunks until none is left, or until the connection limit dropped below the workers running. */
        private final class Worker implements Runnable {
            private final byte[] buffer = new byte[ctx.bufferSize()];

            @Override
            public void run() {
                boolean retired = false;
                try {
                    ByteRange range;
                    while (!stop && (range = queue.poll()) != null) {
                        fetch(range);
                        if (retire()) {
                            retired = true;
                            return;
                        }
                    }
                } catch (Fallback f) {
                    if (!stop && fallback == null) {
                        fallback = f;
                    }
                } catch (Throwable t) {
                    fail(t);
                } finally {
                    if (!retired) {
                        active.decrementAndGet();
                    }
                    wake();
                }
            }

            /** Leaves when more workers run than the controller allows; the count drops exactly once. */
            private boolean retire() {
                int now = active.get();
                while (now > adaptive.limit()) {
                    if (active.compareAndSet(now, now - 1)) {
                        return true;
                    }
                    now = active.get();
                }
                return false;
            }

            /** One chunk, with retries that continue from the bytes of the chunk already written. */
            private void fetch(ByteRange range) throws IOException {
                RetryPolicy policy = ctx.retryPolicy();
                long[] position = {range.start()};
                int failures = 0;
                while (!stop && position[0] <= range.end()) {
                    long before = position[0];
                    try {
                        attempt(position, range.end());
                    } catch (RangedGet.RestartFromZero e) {
                        // 416 or a 206 that starts elsewhere: what we hold cannot be trusted against this server.
                        throw new Fallback(false, e.getMessage());
                    } catch (RetriableFailure e) {
                        if (stop) {
                            return;
                        }
                        if (position[0] > before) {
                            failures = 0; // progress was made: the budget counts attempts without progress
                        }
                        failures++;
                        if ("HTTP 429".equals(e.getMessage())) {
                            adaptive.onThrottled();
                        }
                        String where = "bytes " + position[0] + "-" + range.end();
                        if (failures >= policy.maxAttempts()) {
                            throw new HfHubException("download of " + target.name() + " failed after " + failures
                                    + " attempts without progress (" + where + "): " + e.getMessage()
                                    + " (the partial file is kept; run the same command again to resume)", e);
                        }
                        Duration delay = policy.delay(failures, e.retryAfter);
                        listener.retrying(target.name(), failures, where + ": " + e.getMessage(), delay.toMillis());
                        policy.pause(delay);
                    }
                }
            }

            /** One GET of {@code [position, end]}; advances {@code position} by every byte written, even on failure. */
            private void attempt(long[] position, long end) throws IOException {
                try (ConnectionBudget.Permit slot = ctx.connections().acquire()) {
                    attemptWithSlot(position, end);
                }
            }

            private void attemptWithSlot(long[] position, long end) throws IOException {
                HubCall[] call = new HubCall[1];
                RangedGet.Opened opened;
                try {
                    opened = RangedGet.open(ctx.http(), location, target.resolveUrl(), position[0], end, target.name(),
                            c -> {
                                call[0] = c;
                                calls.add(c);
                                if (stop) {
                                    c.cancel(); // the pass ended between our check and this call
                                }
                            });
                } catch (RetriableFailure | RuntimeException e) {
                    forget(call[0]);
                    throw e;
                }
                try (HubResponse response = opened.response()) {
                    if (response.code() != 206) {
                        // We always send Range; a 200 carries the whole file: this server does not serve ranges.
                        throw new Fallback(true, "the server ignored Range (HTTP " + response.code() + ")");
                    }
                    copyBody(response.body(), position, end);
                } finally {
                    forget(call[0]);
                }
            }

            private void forget(HubCall call) {
                if (call != null) {
                    calls.remove(call);
                }
            }

            private void copyBody(InputStream body, long[] position, long end) throws IOException {
                ChunkReader in = new ChunkReader(body);
                while (!stop) {
                    int n;
                    try {
                        n = in.read(buffer);
                    } catch (SocketTimeoutException e) {
                        throw new RetriableFailure("stalled: no byte for the download timeout", null, e);
                    } catch (InterruptedIOException e) {
                        throw e;
                    } catch (IOException e) {
                        throw new RetriableFailure("connection broken mid-body: " + e.getMessage(), null, e);
                    } finally {
                        saveStateIfDue();
                    }
                    if (n < 0) {
                        break;
                    }
                    long start = position[0];
                    if (start + n - 1 > end) {
                        throw new RetriableFailure("server sent more than the range " + start + "-" + end, null, null);
                    }
                    ctx.throttle().acquire(n);
                    requireStillOwner();
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    long at = start;
                    while (chunk.hasRemaining()) {
                        at += file.write(chunk, at);
                    }
                    completed.add(start, start + n - 1);
                    position[0] = start + n;
                    adaptive.onBytes(n);
                    listener.progress(target.name(), doneBytes.addAndGet(n), target.size());
                    wake();
                }
                if (!stop && position[0] <= end) {
                    throw new RetriableFailure("connection closed at byte " + position[0] + " of the range ending at "
                            + end, null, null);
                }
            }
        }
    }

    /** The server does not serve ranges (usefully): continue as one stream. Unchecked inside the workers only. */
    private static final class Fallback extends RuntimeException {
        final boolean keepPrefix;
        final String reason;

        Fallback(boolean keepPrefix, String reason) {
            super(reason, null, false, false);
            this.keepPrefix = keepPrefix;
            this.reason = reason;
        }
    }

    /**
     * The connections of one file share its download URL: when the CDN says it expired (403), the first one asks
     * the Hub for a new one and the others, failing with the same old URL a moment later, reuse it. A 403 may also
     * be a CDN shedding load, so it also lowers the connection count.
     */
    private static final class SharedLocation implements LocationSource {
        private static final long REUSE_NANOS = 2_000_000_000L;
        private final LocationSource delegate;
        private volatile String current;
        private long refreshedAt;
        private boolean refreshed;
        private volatile Runnable onRefresh = () -> {};

        SharedLocation(LocationSource delegate) {
            this.delegate = delegate;
            this.current = delegate.current();
        }

        @Override
        public String current() {
            return current;
        }

        @Override
        public synchronized String refresh() throws IOException {
            onRefresh.run();
            long now = System.nanoTime();
            if (refreshed && now - refreshedAt < REUSE_NANOS) {
                return current;
            }
            current = delegate.refresh();
            refreshed = true;
            refreshedAt = System.nanoTime();
            return current;
        }
    }

    /** Passes everything but {@code started}: the listener already heard it from the ranged transfer. */
    private record AlreadyStarted(ProgressListener delegate) implements ProgressListener {
        @Override
        public void progress(String name, long done, long total) {
            delegate.progress(name, done, total);
        }

        @Override
        public void retrying(String name, int attempt, String reason, long delayMillis) {
            delegate.retrying(name, attempt, reason, delayMillis);
        }

        @Override
        public void finished(String name, long total) {
            delegate.finished(name, total);
        }

        @Override
        public void failed(String name, Throwable error) {
            delegate.failed(name, error);
        }
    }

    private static final class WorkerThreads implements java.util.concurrent.ThreadFactory {
        private final String name;
        private final AtomicInteger count = new AtomicInteger();

        WorkerThreads(String name) {
            this.name = name;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "hfhub-range-" + count.incrementAndGet() + " " + name);
            t.setDaemon(true);
            return t;
        }
    }
}
