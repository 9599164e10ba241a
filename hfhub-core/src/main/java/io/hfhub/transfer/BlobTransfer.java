package io.hfhub.transfer;

import io.hfhub.ChecksumMismatchException;
import io.hfhub.HfHubException;
import io.hfhub.ProgressListener;
import io.hfhub.http.HubResponse;
import io.hfhub.http.RetryPolicy;
import io.hfhub.store.TempNames;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Streams one blob into its {@code .incomplete} file and publishes it, in the order the body goes:
 * range resume → throttle → hash → file → progress (hash and file on the {@link PipelinedWriter}'s threads). The caller owns the partial file (see {@link BlobClaim}).
 *
 * <p>Faults: an attempt that fails (network error, stall, 408/429/5xx, short body) is retried with backoff,
 * continuing with {@code Range} from the bytes on disk; the budget counts consecutive attempts without
 * progress, so a connection cut ten times mid-body still finishes. A hash or size mismatch discards the
 * partial file and allows one fresh attempt, then fails. Nothing reaches {@code blobs/} unverified.
 */
public final class BlobTransfer {
    private static final long STATE_INTERVAL_MILLIS = 1000;
    /** Buffers circulating between the reader and the writer thread: 8 × 256 KiB, whatever the file size. */
    private static final int WRITE_BUFFERS = 8;
    static final long RESUMABLE_MIN_SIZE = 8L << 20;

    private final TransferContext ctx;
    private final TransferTarget target;
    private final LocationSource location;
    private final ProgressListener listener;
    private final Owner owner;

    private ResumeState state;
    private ContentHasher hasher;
    private long offset;
    private long lastStateWrite;
    /**
     * Files under {@value #RESUMABLE_MIN_SIZE} bytes are not worth a resume state: they go to a temporary file of
     * their own ({@link TempNames}, naming this process, so {@code hfhub cache prune} removes one a killed process
     * left), deleted on failure, so they need no lease either — a repo of many small files costs no extra writes
     * per file.
     */
    private final boolean resumable;
    private final Path partial;
    private boolean attemptedOnce;
    private PipelinedWriter writer;

    public BlobTransfer(TransferContext ctx, TransferTarget target, LocationSource location, ProgressListener listener,
            Owner owner) {
        this.ctx = ctx;
        this.target = target;
        this.location = location;
        this.listener = listener;
        this.owner = owner;
        this.resumable = target.size() >= RESUMABLE_MIN_SIZE;
        this.partial = resumable ? target.incomplete() : TempNames.beside(target.incomplete());
    }

    /** Downloads, verifies and publishes the blob; returns its path. */
    public Path run() {
        try {
            Files.createDirectories(partial.getParent());
            prepareResume();
            DiskSpace.require(ctx, partial.getParent(), target.size() - offset, target.name());
            listener.started(target.name(), target.size(), offset);
            boolean freshAttemptUsed = false;
            while (true) {
                transferWithRetries();
                if (offset == target.size() && hasher.matches(target.etag())) {
                    publish();
                    listener.finished(target.name(), target.size());
                    return target.blob();
                }
                String problem = offset != target.size()
                        ? "got " + offset + " bytes, expected " + target.size()
                        : "content does not hash to " + target.etag();
                discardPartial();
                if (freshAttemptUsed) {
                    if (resumable) {
                        Files.deleteIfExists(target.stateFile()); // no orphan resume state for a partial that is gone
                    }
                    throw new ChecksumMismatchException("download of " + target.name() + " failed verification twice ("
                            + problem + "); nothing was written to the cache. The server may be serving corrupt data: try again later");
                }
                freshAttemptUsed = true;
                listener.retrying(target.name(), 1, "verification failed (" + problem + "), restarting from zero", 0);
                startFresh();
            }
        } catch (HfHubException e) {
            dropUnresumablePartial();
            listener.failed(target.name(), e);
            throw e;
        } catch (IOException e) {
            dropUnresumablePartial();
            HfHubException failure = DiskSpace.failed(target.name(), partial, resumable, e);
            listener.failed(target.name(), failure);
            throw failure;
        }
    }

    /** On failure: a small file's partial file goes; a resumable one stays, its lease released for the next try. */
    private void dropUnresumablePartial() {
        if (resumable) {
            ResumeState.release(target.stateFile());
        } else {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a leftover unique partial file is harmless; `hfhub cache prune` removes it
            }
        }
    }

    /** Continues a valid partial file of the same etag and size; anything else is discarded, never spliced. */
    private void prepareResume() throws IOException {
        hasher = ContentHasher.forEtag(target.etag(), target.size());
        if (!resumable) {
            offset = 0;
            return;
        }
        long now = ctx.now();
        ResumeState previous = ResumeState.read(target.stateFile()).orElse(null);
        long onDisk = Files.exists(partial) ? Files.size(partial) : -1;
        boolean resumable = previous != null && previous.ranges() == null && previous.matches(target, onDisk);
        if (!resumable) {
            Files.deleteIfExists(partial);
            onDisk = 0;
        }
        offset = onDisk;
        hasher.updateFrom(partial, offset, ctx.bufferSize()); // the final check still covers every byte
        long startedAt = resumable ? previous.startedAt() : now;
        state = new ResumeState(ResumeState.VERSION, target.resolveUrl(), target.etag().value(), target.size(), target.commit().value(),
                offset, startedAt, now, owner.heartbeat(now), null);
        state.write(target.stateFile());
        lastStateWrite = now;
    }

    private void startFresh() throws IOException {
        hasher = hasher.fresh();
        offset = 0;
        if (resumable) {
            state = state.withProgress(0, ctx.now());
            state.write(target.stateFile());
        }
    }

    private void transferWithRetries() throws IOException {
        RetryPolicy policy = ctx.retryPolicy();
        int failures = 0;
        // Progress means bytes never held before: a server that lies about the size (sends 5 bytes of a "50-byte"
        // file, then answers 416 to the resume, then the same 5 bytes again) would otherwise reset the budget on
        // every restart from zero and be retried forever.
        long highWater = offset;
        while (offset < target.size() || !attemptedOnce) {
            try {
                attempt();
                attemptedOnce = true;
                return;
            } catch (RetriableFailure e) {
                attemptedOnce = true;
                if (offset > highWater) {
                    highWater = offset;
                    failures = 0; // progress was made: the budget counts attempts without progress
                }
                failures++;
                if (failures >= policy.maxAttempts()) {
                    throw new HfHubException("download of " + target.name() + " failed after " + failures
                            + " attempts without progress: " + e.getMessage()
                            + (resumable ? " (the partial file is kept; run the same command again to resume)" : ""), e);
                }
                java.time.Duration delay = policy.delay(failures, e.retryAfter);
                listener.retrying(target.name(), failures, e.getMessage(), delay.toMillis());
                policy.pause(delay);
            }
        }
    }

    /** One GET from the current offset to the end of the body, within the shared connection budget. */
    private void attempt() throws IOException {
        if (offset == target.size() && target.size() > 0) {
            return; // nothing left to fetch; verification decides
        }
        try (ConnectionBudget.Permit slot = ctx.connections().acquire()) {
            attemptWithSlot();
        }
    }

    private void attemptWithSlot() throws IOException {
        RangedGet.Opened opened;
        try {
            opened = RangedGet.open(ctx.http(), location, target.resolveUrl(), offset, -1, target.name());
        } catch (RangedGet.RestartFromZero e) {
            truncateToZero();
            throw e;
        }
        try (HubResponse response = opened.response()) {
            if (opened.bodyStart() == 0 && offset > 0) {
                truncateToZero(); // the server ignored our Range: start over cleanly rather than append
            }
            copyBody(response.body());
        }
    }

    private void truncateToZero() throws IOException {
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE, StandardOpenOption.CREATE)) {
            channel.truncate(0);
        }
        startFresh();
        listener.progress(target.name(), 0, target.size());
    }

    /** Streams the body to the file: read → throttle here, hash → write on the {@link PipelinedWriter}'s threads. */
    private void copyBody(InputStream body) throws IOException {
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                PipelinedWriter writer = new PipelinedWriter(out, offset, WRITE_BUFFERS, ctx.bufferSize(), target.name(),
                        target.size() - offset > 2L * ctx.bufferSize(), hasher);
                InputStream in = body) {
            this.writer = writer;
            try {
                copy(new ChunkReader(in), writer);
            } finally {
                this.writer = null;
            }
        }
        saveState();
        if (offset < target.size()) {
            throw new RetriableFailure("connection closed after " + offset + " of " + target.size() + " bytes", null, null);
        }
    }

    private void copy(ChunkReader in, PipelinedWriter writer) throws IOException {
        while (true) {
            ByteBuffer buffer = writer.acquire();
            int n;
            try {
                n = fill(in, buffer);
            } catch (IOException | RuntimeException | Error e) {
                writer.giveBack(buffer); // every acquired buffer goes back, or closing the writer would wait forever
                throw e;
            }
            if (n < 0) {
                writer.giveBack(buffer);
                return;
            }
            writer.submit(buffer);
            offset += n;
            listener.progress(target.name(), offset, target.size());
            saveStateIfDue();
        }
    }

    /**
     * Reads the next chunk into {@code buffer}, throttled and hashed, ready to submit; -1 at the end of the body
     * (the buffer then goes back to the writer unused).
     */
    private int fill(ChunkReader in, ByteBuffer buffer) throws IOException {
        int n;
        try {
            n = in.read(buffer.array());
        } catch (java.net.SocketTimeoutException e) {
            throw new RetriableFailure("stalled: no byte for the download timeout", null, e);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw new RetriableFailure("connection broken mid-body: " + e.getMessage(), null, e);
        }
        if (n < 0) {
            return -1;
        }
        if (offset + n > target.size()) {
            throw new RetriableFailure("server sent more than the " + target.size() + " bytes announced", null, null);
        }
        ctx.throttle().acquire(n);
        requireStillOwner();
        buffer.limit(n); // hashed by the writer's first stage, in order
        return n;
    }

    private void saveStateIfDue() throws IOException {
        if (ctx.now() - lastStateWrite >= STATE_INTERVAL_MILLIS) {
            saveState();
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
        if (!resumable || (!always && ctx.now() - lastStateWrite < ctx.lease().toMillis() / 2)) {
            return;
        }
        ResumeState.requireOwner(target.stateFile(), state.owner().id(), target.name());
    }

    /** Records progress and renews the owner's lease (the heartbeat). */
    private void saveState() throws IOException {
        if (!resumable) {
            return;
        }
        requireStillOwner();
        long now = ctx.now();
        // the state records what is on disk, which may trail what was read while the writer catches up
        state = state.withProgress(writer != null ? writer.written() : offset, now);
        state.write(target.stateFile());
        lastStateWrite = now;
    }

    private void publish() throws IOException {
        requireStillOwner(true); // never publish a file another process adopted meanwhile
        Files.move(partial, target.blob(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (resumable) {
            Files.deleteIfExists(target.stateFile());
        }
    }

    private void discardPartial() throws IOException {
        Files.deleteIfExists(partial);
    }
}
