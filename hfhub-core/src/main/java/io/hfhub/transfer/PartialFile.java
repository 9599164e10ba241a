package io.hfhub.transfer;

import io.hfhub.HfHubException;
import io.hfhub.ProgressListener;
import io.hfhub.XetProtocolException;
import io.hfhub.store.AtomicFiles;
import io.hfhub.store.Folders;
import io.hfhub.store.TempNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One blob's partial file from its resume to its publish or cleanup: the session every transfer of a blob runs
 * in, whatever fetches the bytes. It owns, once: the resume state and its lease (renewed by a heartbeat at most
 * once a second), the ownership check, the hash, verification, the atomic publish into {@code blobs/}, the
 * disk-space check, and the cleanup on failure.
 *
 * <p>Files under {@value #RESUMABLE_MIN_SIZE} bytes are not worth a resume state: they go to a temporary file of
 * their own ({@link TempNames}, naming this process, so {@code hfhub cache prune} removes one a killed process
 * left), deleted on failure, so they need no lease either: a repo of many small files costs no extra writes per
 * file, and two transfers of a small file never share a partial file. Larger ones are written in place, at any
 * offset, into {@code blobs/<etag>.incomplete}, the finished byte ranges recorded beside it
 * ({@code .incomplete.json}), so a killed process (or another one) continues with only what is missing.
 *
 * <p>The hash must see the bytes in order, and it is fed without a second pass over the file whenever they arrive in
 * order: a small file's bytes are hashed by {@link #hashInline} on the thread that writes them; a large file's
 * connections hand the buffer they just wrote over to the hashing thread ({@link #write} returns a spare one to
 * continue with) when it extends what is hashed or queued, so one stream, and the first range of a ranged download,
 * are hashed on the second core straight from the buffers they were read into. Only what was written out of order
 * (ranges finishing ahead, a resumed prefix, a buffer written while no spare was free) is read back from the page
 * cache by {@link #hashPrefix}: reading a 1 GiB file back cost a copy of every byte and a third of the hashing
 * thread's CPU (perf, 2026-11-30).
 */
public final class PartialFile {
    private static final System.Logger LOG = System.getLogger(PartialFile.class.getName());
    /** Smallest file that keeps a resume state and survives a failed transfer. */
    public static final long RESUMABLE_MIN_SIZE = 8L << 20;
    private static final long STATE_INTERVAL_MILLIS = 1000;
    /** Hash at most this much before the caller looks at its connections again, so failures surface promptly. */
    private static final long HASH_SLICE = 64L << 20;

    private final TransferContext ctx;
    private final TransferTarget target;
    private final ProgressListener listener;
    private final Owner owner;
    private final boolean resumable;
    private final Path path;

    private final Object stateLock = new Object();
    private ResumeState state; // guarded by stateLock
    private volatile long lastStateWrite;
    private volatile CompletedRanges completed = new CompletedRanges();
    private final AtomicLong done = new AtomicLong();
    /**
     * Written as one stream appending to its prefix: then the state records no ranges (as an older hfhub did), and
     * a resume trusts every byte on disk, including those written after the last state was saved (a killed process
     * loses nothing). Ranges written in parallel are trusted only as recorded.
     */
    private volatile boolean sequential;
    /** The hash and how far it got: touched only by the thread that hashes (the scheduler's caller). */
    private ContentHasher hasher;
    private long hashed;
    /** Guards the hand-over of written buffers to the hashing thread, and the finished ranges they extend. */
    private final Object feed = new Object();
    /** Written buffers waiting to be hashed, in file order, right after {@link #hashed}. Guarded by feed. */
    private final ArrayDeque<ByteBuffer> handed = new ArrayDeque<>();
    /** Buffers to give a connection in exchange for the one it handed over. Guarded by feed. */
    private final ArrayDeque<ByteBuffer> spare = new ArrayDeque<>();
    /** Spare buffers made for this file: the hand-over never holds more than this many. Guarded by feed. */
    private int spareMade;
    /** Bytes from 0 hashed, queued or being read back for the hash; the next handed buffer must start here. */
    private long claimed; // guarded by feed
    /** Bytes the hash had to read back from the file: touched only by the thread that hashes. */
    private long readBackBytes;

    /**
     * Buffers that may wait for the hash: enough to ride out a hiccup of the hashing thread (4 × 256 KiB by default),
     * few enough to keep memory flat. When none is free, a connection keeps its buffer and the bytes are read back.
     */
    private static final int SPARE_BUFFERS = 4;

    private volatile FileChannel channel;

    PartialFile(TransferContext ctx, TransferTarget target, ProgressListener listener, Owner owner) {
        this.ctx = ctx;
        this.target = target;
        this.listener = listener;
        this.owner = owner;
        this.resumable = isResumable(target.size());
        this.path = resumable ? target.incomplete() : TempNames.beside(target.incomplete());
    }

    /** Whether a file of {@code size} bytes keeps a resume state (and so may be shared by other processes). */
    public static boolean isResumable(long size) {
        return size >= RESUMABLE_MIN_SIZE;
    }

    boolean resumable() {
        return resumable;
    }

    TransferTarget target() {
        return target;
    }

    /**
     * Opens the partial file: continues what a matching resume state recorded, checks the disk, reports the start.
     *
     * @param oneStream whether the bytes will be written as one stream (see {@link #sequential(boolean)})
     */
    void begin(boolean oneStream) throws IOException {
        sequential = oneStream;
        Folders.ensure(path.getParent());
        hasher = ContentHasher.forEtag(target.etag(), target.size());
        if (resumable) {
            resume();
        }
        DiskSpace.require(ctx, path.getParent(), target.size() - done.get(), target.name());
        channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
        listener.started(target.name(), target.size(), done.get());
    }

    /**
     * Continues the finished ranges of a partial file of the same etag and size, whether it was written in ranges
     * or as one stream (an older state without ranges: its bytes on disk are one finished range from zero), by
     * whichever kind of transfer; anything else is discarded, never spliced.
     */
    private void resume() throws IOException {
        long now = ctx.now();
        ResumeState previous = ResumeState.read(target.stateFile()).orElse(null);
        long onDisk;
        try {
            onDisk = previous == null ? -1 : Files.size(path);
        } catch (NoSuchFileException e) {
            onDisk = -1;
        }
        CompletedRanges resumed = null;
        if (previous != null && previous.matches(target, onDisk)) {
            resumed = previous.ranges() == null ? prefix(onDisk) : rangesWithin(previous, onDisk);
        }
        if (resumed == null) {
            Files.deleteIfExists(path);
            resumed = new CompletedRanges();
        }
        completed = resumed;
        done.set(resumed.completedBytes());
        if (done.get() > 0) {
            LOG.log(System.Logger.Level.DEBUG, "resuming {0}: {1} of {2} bytes on disk, first missing byte {3}",
                    target.name(), done.get(), target.size(), resumed.contiguousPrefix());
        }
        long startedAt = previous != null && done.get() > 0 ? previous.startedAt() : now;
        synchronized (stateLock) {
            state = new ResumeState(ResumeState.VERSION, target.resolveUrl(), target.etag().value(), target.size(),
                    target.commit().value(), done.get(), startedAt, now, owner.heartbeat(now), recordedRanges());
            state.write(target.stateFile());
            lastStateWrite = now;
        }
    }

    /** What the state records: null (every byte on disk counts) for one stream appending to its prefix. */
    private java.util.List<ByteRange> recordedRanges() {
        java.util.List<ByteRange> ranges = completed.ranges();
        boolean prefixOnly = ranges.isEmpty() || (ranges.size() == 1 && ranges.get(0).start() == 0);
        return sequential && prefixOnly ? null : ranges;
    }

    /** From now on the bytes are written as one stream (after a server ignored {@code Range}), or in parallel. */
    void sequential(boolean oneStream) {
        sequential = oneStream;
    }

    private static CompletedRanges prefix(long length) {
        CompletedRanges set = new CompletedRanges();
        if (length > 0) {
            set.add(0, length - 1);
        }
        return set;
    }

    /** The recorded ranges, or null when they claim bytes the file cannot hold (then nothing is trusted). */
    private static CompletedRanges rangesWithin(ResumeState previous, long onDisk) {
        return previous.ranges().stream().allMatch(r -> r.end() < onDisk) ? CompletedRanges.of(previous.ranges()) : null;
    }

    /** The byte ranges still missing. */
    java.util.List<ByteRange> missing() {
        return completed.missing(target.size());
    }

    /**
     * Writes the bytes of {@code b} (from its position to its limit, which it keeps) at {@code at} and records them
     * finished; any thread. Fails rather than write when another process adopted the partial file after a stall
     * longer than the lease. When the bytes extend what is hashed or queued and a spare buffer is free, {@code b}
     * is handed over to the hashing thread ({@link #hashPrefix}) and the spare returned: the caller continues with
     * the buffer returned, and must not touch {@code b} again.
     */
    ByteBuffer write(long at, ByteBuffer b) throws IOException {
        requireStillOwner(false);
        int n = b.remaining();
        ByteBuffer buffer = b.duplicate();
        FileChannel out = channel;
        for (long p = at; buffer.hasRemaining(); ) {
            p += out.write(buffer, p);
        }
        listener.progress(target.name(), done.addAndGet(n), target.size());
        saveStateIfDue();
        // Last, and nothing after it may throw: once b is handed over, the hashing thread owns it, and a caller that
        // failed here would still believe it owned b (and give it back to the pool a second time).
        ByteBuffer next = b;
        synchronized (feed) {
            if (at == claimed) {
                ByteBuffer swap = spare.poll();
                if (swap == null && spareMade < SPARE_BUFFERS) {
                    swap = Buffers.like(b);
                    spareMade++;
                }
                if (swap != null && swap.capacity() == b.capacity() && swap.isDirect() == b.isDirect()) {
                    handed.add(b);
                    claimed += n;
                    next = swap;
                } else if (swap != null) {
                    spare.add(swap);
                }
            }
            // recorded under the same lock: the hashing thread never reads back bytes that were handed over
            completed.add(at, at + n - 1);
        }
        return next;
    }

    /**
     * Hashes the bytes of {@code b} (position to limit, which it keeps) about to be written at {@code at} if they
     * extend the hashed prefix.
     */
    void hashInline(long at, ByteBuffer b) {
        int n = b.remaining();
        synchronized (feed) {
            if (at != claimed) {
                return;
            }
            claimed += n;
        }
        hasher.update(b.duplicate());
        hashed += n;
    }

    /** The number of bytes from 0 that are all written. */
    long contiguousPrefix() {
        return completed.contiguousPrefix();
    }

    /** Whether every byte before the first missing one is hashed. */
    boolean hashCaughtUp() {
        return hashed == completed.contiguousPrefix();
    }

    /**
     * Feeds the hash from where it stopped towards the end of the finished prefix, a slice at a time: from the
     * buffers handed over by {@link #write}, and reading back from the file what was not handed over; keeps the
     * heartbeat going meanwhile (hashing a large resumed prefix can outlast the lease). Only the thread that hashes
     * calls it. Returns the bytes hashed so far.
     *
     * @param readBack the buffer to read back into (a direct one saves a copy of every byte read back)
     */
    long hashPrefix(ByteBuffer readBack) throws IOException {
        long until = hashed + HASH_SLICE;
        while (hashed < until) {
            ByteBuffer next;
            long backTo = -1;
            synchronized (feed) {
                next = handed.poll();
                if (next == null) {
                    long prefix = completed.contiguousPrefix();
                    if (claimed >= prefix) {
                        break; // caught up
                    }
                    backTo = Math.min(prefix, claimed + readBack.capacity());
                    claimed = backTo; // a connection writing at backTo hands its buffer over from now on
                }
            }
            if (next != null) {
                hashed += next.remaining();
                hasher.update(next);
                synchronized (feed) {
                    spare.add(next);
                }
            } else {
                readBack(backTo, readBack);
            }
            saveStateIfDue();
        }
        return hashed;
    }

    private void readBack(long to, ByteBuffer buffer) throws IOException {
        while (hashed < to) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), to - hashed));
            int n = channel().read(buffer, hashed);
            if (n < 0) {
                throw new IOException("the partial file " + path + " shrank while being written");
            }
            buffer.flip();
            hasher.update(buffer);
            hashed += n;
            readBackBytes += n;
        }
    }

    /** Bytes hashed so far by reading them back from the file rather than from the buffers they arrived in. */
    long bytesReadBack() {
        return readBackBytes;
    }

    /**
     * Drops what waits to be hashed (those bytes are read back if still wanted) and the spare buffers: at the end
     * of a pass, whose connections are stopped.
     */
    void releaseBuffers() {
        synchronized (feed) {
            handed.forEach(Buffers::give); // pooled: a snapshot of many large files reuses them
            handed.clear();
            claimed = hashed;
            spare.forEach(Buffers::give);
            spare.clear();
            spareMade = 0;
        }
    }

    /** Null when every byte is there and hashes to the etag, else what is wrong. */
    String verify() throws IOException {
        if (!completed.isComplete(target.size())) {
            return "got " + completed.completedBytes() + " bytes, expected " + target.size();
        }
        if (hashed < target.size()) {
            ByteBuffer buffer = ByteBuffer.allocate(ctx.bufferSize());
            while (hashed < target.size()) {
                hashPrefix(buffer);
            }
        }
        boolean ok = hasher.matches(target.etag());
        LOG.log(System.Logger.Level.DEBUG, "verified {0} ({1} bytes, {2} of them read back) against {3}: {4}",
                target.name(), String.valueOf(target.size()), String.valueOf(readBackBytes), target.etag(),
                ok ? "match" : "MISMATCH");
        return ok ? null : "content does not hash to " + target.etag();
    }

    /** Publishes the verified file into {@code blobs/} by one atomic rename; the resume state goes. */
    void publish() throws IOException {
        requireStillOwner(true); // never publish a file another process adopted meanwhile
        channel.close();
        AtomicFiles.publish(path, target.blob());
        if (resumable) {
            Files.deleteIfExists(target.stateFile());
        }
        LOG.log(System.Logger.Level.DEBUG, "published {0} as {1}", target.name(), target.blob());
    }

    /** Discards every byte (they failed verification): the transfer starts over from zero. */
    void restartFromZero() throws IOException {
        keep(0);
        listener.progress(target.name(), 0, target.size());
    }

    /**
     * Keeps only the finished prefix (after a switch to one stream, which appends to it): returns its length.
     */
    long keepPrefix() throws IOException {
        return keep(completed.contiguousPrefix());
    }

    private long keep(long length) throws IOException {
        channel().truncate(length);
        completed = prefix(length);
        done.set(length);
        if (hashed > length) {
            hasher = hasher.fresh();
            hashed = 0;
        }
        releaseBuffers();
        saveState();
        return length;
    }

    /** After a lie or a second failed verification the bytes are not trusted: they go, with their state. */
    void discard() {
        closeChannel();
        try {
            Files.deleteIfExists(path);
            if (resumable) {
                Files.deleteIfExists(target.stateFile()); // no orphan resume state for a partial that is gone
            }
        } catch (IOException ignored) {
            // a leftover partial file without a state is restarted from zero by the next download
        }
    }

    /**
     * Cleans up after a failure and reports it: a small file's partial file goes; a resumable one stays, its
     * lease released so the next try (in this process too) adopts it at once; bytes from a source that lied go.
     * Returns the exception to throw: a local file failure said in words (disk full first).
     */
    RuntimeException failed(Exception e) {
        if (e instanceof XetProtocolException) {
            discard();
        } else {
            closeChannel();
            if (resumable && !Files.exists(path)) {
                discard(); // the partial file is gone (a `cache delete` meanwhile): its state must not outlive it
            } else if (resumable) {
                keepRecord();
                ResumeState.release(target.stateFile());
            } else {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // a leftover unique partial file is harmless; `hfhub cache prune` removes it
                }
            }
        }
        RuntimeException failure = e instanceof IOException io
                ? DiskSpace.failed(target.name(), path, resumable, io)
                : (RuntimeException) e;
        if (failure instanceof HfHubException) {
            listener.failed(target.name(), failure);
        }
        return failure;
    }

    /** Records what is finished for the next try, unless another process owns the partial file by now. */
    private void keepRecord() {
        if (state == null) {
            return; // failed before the resume state was written
        }
        try {
            requireStillOwner(true);
            saveState();
        } catch (IOException | RuntimeException ignored) {
            // the next try then fetches again what the record misses
        }
    }

    /**
     * The open channel. Stopping a pass interrupts its workers, and an interrupt closes a {@link FileChannel} for
     * every thread: a later pass or the verification reopens it (never re-creating a file deleted meanwhile).
     */
    FileChannel channel() throws IOException {
        if (!channel.isOpen()) {
            channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
        return channel;
    }

    private void closeChannel() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // nothing more to write through it
        }
    }

    private void saveStateIfDue() throws IOException {
        if (resumable && ctx.now() - lastStateWrite >= STATE_INTERVAL_MILLIS) {
            synchronized (stateLock) {
                if (ctx.now() - lastStateWrite >= STATE_INTERVAL_MILLIS) {
                    saveState();
                }
            }
        }
    }

    /** Records the finished ranges and renews the owner's lease (the heartbeat). */
    void saveState() throws IOException {
        if (!resumable) {
            return;
        }
        synchronized (stateLock) {
            requireStillOwner(false);
            long now = ctx.now();
            state = state.withRanges(recordedRanges(), done.get(), now);
            state.write(target.stateFile());
            lastStateWrite = now;
        }
    }

    /**
     * After a long stall another process may have adopted our partial file (our lease expired): check before
     * writing another byte, so two writers never share it. Cheap: only when our heartbeat is half a lease old.
     */
    private void requireStillOwner(boolean always) {
        if (!resumable || (!always && ctx.now() - lastStateWrite < ctx.lease().toMillis() / 2)) {
            return;
        }
        ResumeState.requireOwner(target.stateFile(), owner.id(), target.name());
    }
}
