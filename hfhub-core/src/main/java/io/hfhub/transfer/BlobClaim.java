package io.hfhub.transfer;

import io.hfhub.store.Folders;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The right to write one blob's partial file, across processes. The lock file
 * ({@code .locks/<repo folder>/<etag>.lock}, as the Python client names it) only saves duplicate work; the
 * lease in the resume state is what keeps two writers apart where locks lie (Lustre, GPFS, some NFS):
 * a partial file is adopted when the OS released its owner's lock, or when its owner's lease expired.
 */
public final class BlobClaim implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BlobClaim.class.getName());
    private static final long POLL_MILLIS = 100;

    private final FileChannel channel;
    private final FileLock lock;
    private final Owner owner;

    private BlobClaim(FileChannel channel, FileLock lock, Owner owner) {
        this.channel = channel;
        this.lock = lock;
        this.owner = owner;
    }

    /** The identity this claim writes under. */
    public Owner owner() {
        return owner;
    }

    /**
     * Waits until this process may write the blob, or until another one has published it (then empty; unless
     * {@code replaceExisting}, for a forced download that replaces a published blob).
     */
    public static Optional<BlobClaim> acquire(Path lockFile, TransferTarget target, TransferContext ctx,
            boolean replaceExisting) throws IOException {
        Folders.ensure(lockFile.getParent());
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long waitingSince = ctx.now();
        long lastLog = waitingSince;
        try {
            while (true) {
                if (!replaceExisting && Files.exists(target.blob())) {
                    channel.close();
                    return Optional.empty();
                }
                FileLock lock = tryLock(channel);
                long now = ctx.now();
                boolean liveForeignOwner = someoneElseIsWriting(target, ctx, now);
                if (lock != null && !liveForeignOwner) {
                    return Optional.of(new BlobClaim(channel, lock, Owner.newForThisProcess(now)));
                }
                if (lock == null && !liveForeignOwner && now - waitingSince >= ctx.lease().toMillis()) {
                    // The lock holder wrote no live lease for a whole lease period: it is hung, or the lock is
                    // stale. Take over without the lock; the lease check keeps writers apart from here on.
                    return Optional.of(new BlobClaim(channel, null, Owner.newForThisProcess(now)));
                }
                if (lock != null) {
                    lock.release(); // locks lie on this filesystem: a live owner is writing, let it finish
                }
                if (now - lastLog >= 10_000) {
                    LOG.log(System.Logger.Level.INFO, "still waiting for another download of " + target.name() + " (" + lockFile + ")");
                    lastLog = now;
                }
                sleep();
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Whether the shared partial file is being written by someone we cannot lock out. Small files never share a
     * partial file (see {@link PartialFile}). Otherwise: hfhub's own state names a live owner — another process,
     * or another client in this JVM (a failed transfer releases its lease, so a stale same-process state does not
     * block) —, or, without a state, the file changed within the lease: the Python client 0.36 appends to the same
     * {@code <etag>.incomplete}, and its flock is invisible to Java's fcntl locks.
     */
    private static boolean someoneElseIsWriting(TransferTarget target, TransferContext ctx, long now) throws IOException {
        if (!PartialFile.isResumable(target.size())) {
            return false;
        }
        ResumeState state = ResumeState.read(target.stateFile()).orElse(null);
        if (state != null) {
            return state.owner() != null && state.owner().isAlive(now, ctx.lease());
        }
        try {
            long modified = Files.getLastModifiedTime(target.incomplete()).toMillis();
            return now - modified < ctx.lease().toMillis();
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by another thread of this JVM
        }
    }

    private static void sleep() throws InterruptedIOException {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for another download");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
