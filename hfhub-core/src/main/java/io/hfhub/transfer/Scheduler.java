package io.hfhub.transfer;

import io.hfhub.ChecksumMismatchException;
import io.hfhub.ProgressListener;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The one transfer engine: fetches the missing byte ranges of a {@link PartialFile} from a {@link RangeSource}
 * (plain HTTP or Xet), verifies and publishes it. One stream is simply one range: a small file is fetched on the
 * calling thread, hashed as it is written; a large one by connections on a pool while the calling thread hashes
 * the finished prefix: from the buffers the connections hand over when their bytes arrive in order (one stream,
 * the first range), else read back from the page cache ({@link PartialFile#hashPrefix}), so at the end only the
 * last piece is left to hash (hashing after the download would add a full pass over the file: 0.53 s per GiB for
 * SHA-256 with SHA-NI, JDK 17).
 *
 * <p>Why ranges: CDNs cap each connection, so one stream leaves most of a fast link idle. Why adaptive: on a link
 * that one stream already fills, more connections only add contention (and bytes out of order, which the hash must
 * read back), so the count starts where aria2c starts and an opening trial of four short windows goes down to one
 * stream when that carries as much ({@link AdaptiveConcurrency#opening}); a 429, or a 403 from the CDN, lowers it.
 * A lowered limit takes effect at the next read: the connection extending the finished prefix stays, another one
 * leaves and its unread rest is queued again; ranges are taken lowest offset first.
 *
 * <p>Every attempt ends in an {@link Outcome} the scheduler decides on: bytes are written in place and recorded
 * (throttled, so the bandwidth limit covers every connection together); a fault is retried from where the range
 * stands, within a budget of attempts without progress per range; a server that ignores {@code Range} gets one
 * stream from the finished prefix; one that contradicts the bytes held, one stream from zero; a verification
 * failure one fresh attempt, then {@link ChecksumMismatchException}. Nothing reaches {@code blobs/} unverified.
 */
public final class Scheduler {
    private static final System.Logger LOG = System.getLogger(Scheduler.class.getName());
    private static final int HASH_BUFFER = 1 << 20;
    private static final long WAIT_MILLIS = 50;
    private static final Comparator<ByteRange> BY_START = Comparator.comparingLong(ByteRange::start);
    /**
     * The connection controller's measuring window. Shorter than its 1 s default because one file is a short
     * transfer: its opening trial ({@link AdaptiveConcurrency#opening}) takes four windows, which must be a small
     * part of a 256 MiB download at 400 MB/s (about 0.7 s) on a capped CDN, and of a 1 GiB one on a link one stream
     * fills. Long enough to average over the bursts of a rate-limited connection (nginx's {@code limit_rate} sends
     * about 2 MB at a time, every 40 ms at 50 MB/s) across eight connections.
     */
    static final Duration ADAPT_WINDOW = Duration.ofMillis(150);
    /**
     * Most bytes one request asks for when a single connection holds steady ({@link Pass.Worker#extended}): the
     * chunks queued after its range, up to this much, in one request. Measured 2026-11-30 (bench, 2 cores, 1 GiB
     * over the loopback HTTPS CDN, 8 pairs each): settled at one connection, the default asked for 129 ranges one by
     * one and took 1.09x the time of {@code --parallel-ranges 1}'s single request; with this, 20 requests and 1.02x
     * (each request's set-up, and the compilers' work on its path, share the cores with the transfer). Plain HTTP
     * 0.99x and the capped CDN 1.02x of before, within the noise. Not the whole rest: a connection added by a later
     * probe finds chunks queued, and at the rates where one connection fills the link a range this long is done
     * within a fraction of a second.
     */
    static final long MERGED_MAX = 64L << 20;

    private final TransferContext ctx;
    private final PartialFile file;
    private final TransferTarget target;
    private final RangeSource source;
    private final ProgressListener listener;
    private final long chunkSize;
    private final LongSupplier controllerClock;
    private final DoubleSupplier idleCores;

    private Scheduler(TransferContext ctx, PartialFile file, RangeSource source, ProgressListener listener,
            long chunkSize, LongSupplier controllerClock, DoubleSupplier idleCores) {
        this.ctx = ctx;
        this.file = file;
        this.target = file.target();
        this.source = source;
        this.listener = listener;
        this.chunkSize = chunkSize;
        this.controllerClock = controllerClock;
        this.idleCores = idleCores;
    }

    /**
     * Downloads, verifies and publishes the blob of {@code target} from {@code source}, as parallel ranges when the
     * context allows it for its size ({@link TransferContext#useRanges}), else as one stream; returns the blob's
     * path. The caller owns the partial file (see {@link BlobClaim}).
     */
    public static Path download(TransferContext ctx, TransferTarget target, RangeSource source,
            ProgressListener listener, Owner owner) {
        return download(ctx, target, source, listener, owner, ctx.rangeChunkSize());
    }

    static Path download(TransferContext ctx, TransferTarget target, RangeSource source, ProgressListener listener,
            Owner owner, long chunkSize) {
        return download(ctx, target, source, listener, owner, chunkSize, System::nanoTime,
                new IdleCores()::sinceLastCall);
    }

    /**
     * With the connection controller's clock in nanoseconds, one that a read advances (tests), and no meter of the
     * machine's idle cores: a test's decisions must not depend on how busy the machine running it is.
     */
    static Path download(TransferContext ctx, TransferTarget target, RangeSource source, ProgressListener listener,
            Owner owner, long chunkSize, LongSupplier controllerClock) {
        return download(ctx, target, source, listener, owner, chunkSize, controllerClock, () -> Double.NaN);
    }

    private static Path download(TransferContext ctx, TransferTarget target, RangeSource source,
            ProgressListener listener, Owner owner, long chunkSize, LongSupplier controllerClock,
            DoubleSupplier idleCores) {
        PartialFile file = new PartialFile(ctx, target, listener, owner);
        return new Scheduler(ctx, file, source, listener, chunkSize, controllerClock, idleCores).run();
    }

    private Path run() {
        try {
            int connections = ctx.useRanges(target.size()) ? Math.min(ctx.rangeConnections(), source.maxConnections()) : 1;
            file.begin(connections <= 1);
            RetryBudget oneStream = budget(() -> {});
            boolean freshAttemptUsed = false;
            while (true) {
                Outcome outcome = target.size() == 0 ? Outcome.DONE
                        : new Pass(Math.max(1, connections), connections <= 1 ? oneStream : null).run();
                if (outcome instanceof Outcome.Fatal fatal) {
                    throw fatal.error();
                }
                if (outcome instanceof Outcome.OneStream stream) {
                    // the server does not serve ranges: continue as one stream after the finished prefix
                    file.sequential(true);
                    long keep = file.keepPrefix();
                    listener.retrying(target.name(), 1, stream.reason() + ", continuing as one stream from byte " + keep, 0);
                    connections = 1;
                    continue;
                }
                if (outcome instanceof Outcome.RestartFromZero restart) {
                    // the bytes held cannot be trusted against this server (one stream counted it in its budget)
                    file.sequential(true);
                    file.restartFromZero();
                    if (connections > 1) {
                        listener.retrying(target.name(), 1, restart.reason() + ", continuing as one stream from byte 0", 0);
                        connections = 1;
                    }
                    continue;
                }
                String problem = file.verify();
                if (problem == null) {
                    file.publish();
                    listener.finished(target.name(), target.size());
                    return target.blob();
                }
                if (freshAttemptUsed) {
                    file.discard();
                    throw new ChecksumMismatchException("download of " + target.name() + " failed verification twice ("
                            + problem + "); nothing was written to the cache. The server may be serving corrupt data: try again later");
                }
                freshAttemptUsed = true;
                listener.retrying(target.name(), 1, "verification failed (" + problem + "), restarting from zero", 0);
                file.restartFromZero();
                source.restarting();
            }
        } catch (IOException | RuntimeException e) {
            throw file.failed(e);
        }
    }

    private RetryBudget budget(Runnable onSlowDown) {
        return new RetryBudget(ctx.retryPolicy(), listener, target.name(), "download of " + target.name(),
                file.resumable() ? " (the partial file is kept; run the same command again to resume)" : "", onSlowDown);
    }

    /**
     * One pass over the missing ranges with up to {@code connections} connections. A small file is fetched on the
     * calling thread; otherwise workers on a pool owned by the pass fetch ranges from a shared queue while this
     * thread hashes the finished prefix. The pool is shut down and open connections dropped however it ends.
     */
    private final class Pass {
        private final int connections;
        private final RetryBudget oneStream;
        /** The ranges left, lowest offset first: what extends the hashed prefix is fetched first. */
        private final Queue<ByteRange> queue;
        private final AdaptiveConcurrency adaptive;
        private final AtomicInteger active = new AtomicInteger();
        private final Set<RangeReader> readers = ConcurrentHashMap.newKeySet();
        private final Object monitor = new Object();
        private ExecutorService pool;
        private volatile boolean stop;
        private volatile Throwable failure;
        private volatile Outcome outcome;

        /** @param oneStream the budget of a single stream, kept across passes; null for parallel ranges */
        Pass(int connections, RetryBudget oneStream) {
            this.connections = connections;
            this.oneStream = oneStream;
            List<ByteRange> missing = file.missing();
            this.queue = new PriorityBlockingQueue<>(Math.max(1, missing.size()), BY_START);
            queue.addAll(connections > 1 ? RangePlan.split(missing, chunkSize) : missing);
            this.adaptive = connections <= 1 ? null
                    : source.handshakePerConnection()
                    ? AdaptiveConcurrency.rampingUp(connections, ADAPT_WINDOW, controllerClock).idleCores(idleCores)
                    : AdaptiveConcurrency.opening(connections, ADAPT_WINDOW, controllerClock,
                            missing.stream().mapToLong(ByteRange::length).sum()).idleCores(idleCores);
        }

        /** {@link Outcome#DONE} when every byte is written and hashed, else what ended the pass. */
        Outcome run() throws IOException {
            file.channel(); // open again if the previous pass's stop closed it
            if (connections == 1 && !file.resumable()) {
                return new Worker().fetchAll(); // inline: a thread per small file would cost more than it saves
            }
            ByteBuffer buffer = ByteBuffer.allocateDirect(HASH_BUFFER); // read back straight, not via a heap copy
            pool = Executors.newCachedThreadPool(new WorkerThreads(target.name()));
            try {
                while (true) {
                    rethrowFailure();
                    if (outcome != null) {
                        return outcome;
                    }
                    spawnWorkers();
                    if (file.hashPrefix(buffer) == target.size()) {
                        return Outcome.DONE;
                    }
                    awaitNews();
                }
            } finally {
                stop(); // what the workers finished is recorded by the partial file, however the transfer ends
                file.releaseBuffers();
            }
        }

        private int limit() {
            return adaptive == null ? 1 : adaptive.limit();
        }

        private void spawnWorkers() {
            while (!queue.isEmpty() && active.get() < limit()) {
                active.incrementAndGet();
                pool.execute(new Worker());
            }
            // Workers publish a failure before they stop counting as active: read the count first.
            if (active.get() == 0 && failure == null && outcome == null && queue.isEmpty()
                    && !file.missing().isEmpty()) {
                throw new IllegalStateException("no range left to fetch but " + file.missing() + " missing in "
                        + target.name());
            }
        }

        private void awaitNews() throws InterruptedIOException {
            synchronized (monitor) {
                if (failure == null && outcome == null && file.hashCaughtUp()) {
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

        private void stop() {
            stop = true;
            readers.forEach(RangeReader::cancel);
            if (pool == null) {
                return;
            }
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
                LOG.log(System.Logger.Level.WARNING,
                        "range workers of {0} did not stop within 30 s", target.name());
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Fetches ranges until none is left, or until the connection limit dropped below the workers running. */
        private final class Worker implements Runnable {
            /** The buffer read into; swapped for a spare one when the partial file takes it for the hash. */
            private ByteBuffer buffer = Buffers.take(ctx.bufferSize(), source.directBuffers());

            @Override
            public void run() {
                boolean retired = false;
                try {
                    ByteRange range;
                    while (!stop && (range = queue.poll()) != null) {
                        Outcome result = fetch(extended(range));
                        if (result == null) {
                            retired = true; // left mid-range, the rest of it queued again
                            return;
                        }
                        if (result != Outcome.DONE) {
                            if (!stop && outcome == null) {
                                outcome = result;
                            }
                            return;
                        }
                        if (retire()) {
                            retired = true;
                            return;
                        }
                    }
                } catch (Throwable t) {
                    if (!stop && failure == null) {
                        failure = t;
                    }
                } finally {
                    Buffers.give(buffer);
                    if (!retired) {
                        active.decrementAndGet();
                    }
                    wake();
                }
            }

            /**
             * {@code range} and the chunks queued right after it, up to {@link #MERGED_MAX} bytes, when this worker
             * runs alone and the controller holds steady at one connection; else {@code range}.
             */
            private ByteRange extended(ByteRange range) {
                if (adaptive == null || !adaptive.steadyAtOne() || active.get() != 1) {
                    return range;
                }
                long end = range.end();
                for (ByteRange next; end - range.start() + 1 < MERGED_MAX && (next = queue.peek()) != null
                        && next.start() == end + 1 && queue.remove(next); ) {
                    end = next.end();
                }
                return end == range.end() ? range : new ByteRange(range.start(), end);
            }

            /** On the calling thread: every missing range in turn. */
            Outcome fetchAll() throws IOException {
                try {
                    ByteRange range;
                    while ((range = queue.poll()) != null) {
                        Outcome result = fetch(range);
                        if (result != Outcome.DONE) {
                            return result;
                        }
                    }
                    return Outcome.DONE;
                } finally {
                    Buffers.give(buffer);
                }
            }

            /**
             * Leaves when more workers run than the controller allows; the count drops exactly once. Between reads, the
             * worker whose range extends the finished prefix stays (its bytes are hashed as they arrive): another one
             * leaves at its next read.
             */
            private boolean retire(ByteRange range) {
                return range.start() > file.contiguousPrefix() && retire();
            }

            /** Whether a range below this one (not extending the prefix) waits in the queue, left by a retired worker. */
            private boolean lowerRangeWaits(ByteRange range) {
                ByteRange first = queue.peek();
                return first != null && first.start() < range.start() && range.start() > file.contiguousPrefix();
            }

            private boolean retire() {
                int now = active.get();
                while (now > limit()) {
                    if (active.compareAndSet(now, now - 1)) {
                        return true;
                    }
                    now = active.get();
                }
                return false;
            }

            /**
             * One range, through faults, into the file: {@link Outcome#DONE} (also when a lower range waits: then the
             * rest of this one is queued again), what ended it, or null when the worker retired before its end (the
             * controller lowered the limit), the rest of the range queued again.
             */
            private Outcome fetch(ByteRange range) throws IOException {
                boolean single = connections == 1;
                RetryBudget budget = single ? oneStream : budget(adaptive::onThrottled);
                boolean openEnded = single && range.end() == target.size() - 1;
                try (RangeReader reader = new RangeReader(ctx, source, budget, range.start(), range.end(), openEnded,
                        single, true)) {
                    readers.add(reader);
                    if (stop) {
                        reader.cancel();
                    }
                    try {
                        while (true) {
                            Outcome result = reader.next(buffer);
                            if (single && result instanceof Outcome.RestartFromZero restart) {
                                // counted like any failed attempt: a server that keeps contradicting itself stops
                                Outcome.Fatal spent = budget.failed(reader.position(), null, restart.reason(), null, false);
                                return spent != null ? spent : result;
                            }
                            if (!(result instanceof Outcome.Bytes bytes)) {
                                return result;
                            }
                            int n = bytes.count();
                            long at = reader.position() - n;
                            if (pool == null) {
                                file.hashInline(at, buffer);
                            }
                            buffer = file.write(at, buffer);
                            if (adaptive != null) {
                                int before = adaptive.limit();
                                adaptive.onBytes(n);
                                if (adaptive.limit() != before) {
                                    LOG.log(System.Logger.Level.DEBUG, () -> target.name() + ": " + adaptive + " at byte "
                                            + reader.position() + ", " + file.contiguousPrefix() + " finished from 0");
                                }
                                boolean retiring = reader.position() <= range.end() && retire(range);
                                if (retiring || reader.position() <= range.end() && lowerRangeWaits(range)) {
                                    // a lower limit takes effect now, not after a whole range: the next window
                                    // measures the level it is meant to. A lower range left by a retired worker
                                    // goes first, or the finished prefix would wait for it behind this range
                                    // in chunks again: the range may be several merged (extended)
                                    queue.addAll(RangePlan.split(List.of(new ByteRange(reader.position(), range.end())),
                                            chunkSize));
                                    reader.cancel(); // drop the connection: closing would first drain the rest
                                    wake();
                                    return retiring ? null : Outcome.DONE;
                                }
                            }
                            wake();
                        }
                    } finally {
                        readers.remove(reader);
                    }
                }
            }
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
