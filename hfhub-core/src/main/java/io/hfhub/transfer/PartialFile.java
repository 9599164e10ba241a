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
 * <p>The hash must see the bytes in order: {@link #hashInline} takes them as they are written when they extend the
 * hashed prefix, and {@link #hashPrefix} reads back from the page cache what was written out of order (ranges
 * finishing ahead, a resumed prefix).
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
    private java.util.List<long[]> recordedRanges() {
        CompletedRanges finished = completed;
        java.util.List<ByteRange> ranges = finished.ranges();
        boolean prefixOnly = ranges.isEmpty() || (ranges.size() == 1 && ranges.get(0).start() == 0);
        return sequential && prefixOnly ? null : finished.toList();
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
        try {
            CompletedRanges set = CompletedRanges.fromList(previous.ranges());
            return set.ranges().stream().allMatch(r -> r.end() < onDisk) ? set : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The byte ranges still missing. */
    java.util.List<ByteRange> missing() {
        return completed.missing(target.size());
    }

    /**
     * Writes {@code n} bytes of {@code b} at {@code at} and records them finished; any thread. Fails rather than
     * write when another process adopted the partial file after a stall longer than the lease.
     */
    void write(long at, byte[] b, int n) throws IOException {
        requireStillOwner(false);
        ByteBuffer buffer = ByteBuffer.wrap(b, 0, n);
        FileChannel out = channel;
        for (long p = at; buffer.hasRemaining(); ) {
            p += out.write(buffer, p);
        }
        completed.add(at, at + n - 1);
        listener.progress(target.name(), done.addAndGet(n), target.size());
        saveStateIfDue();
    }

    /** Hashes {@code n} bytes of {@code b} about to be written at {@code at} if they extend the hashed prefix. */
    void hashInline(long at, byte[] b, int n) {
        if (at == hashed) {
            hasher.update(b, 0, n);
            hashed += n;
        }
    }

    /** Whether every byte before the first missing one is hashed. */
    boolean hashCaughtUp() {
        return hashed == completed.contiguousPrefix();
    }

    /**
     * Feeds the hash from where it stopped towards the end of the finished prefix, reading back from the file, a
     * slice at a time; keeps the heartbeat going meanwhile (hashing a large resumed prefix can outlast the lease).
     * Returns the bytes hashed so far.
     */
    long hashPrefix(ByteBuffer buffer) throws IOException {
        long prefix = Math.min(completed.contiguousPrefix(), hashed + HASH_SLICE);
        while (hashed < prefix) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), prefix - hashed));
            int n = channel().read(buffer, hashed);
            if (n < 0) {
                throw new IOException("the partial file " + path + " shrank while being written");
            }
            buffer.flip();
            hasher.update(buffer);
            hashed += n;
            saveStateIfDue();
        }
        return hashed;
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
        LOG.log(System.Logger.Level.DEBUG, "verified {0} ({1} bytes) against {2}: {3}", target.name(), target.size(),
                target.etag(), ok ? "match" : "MISMATCH");
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
