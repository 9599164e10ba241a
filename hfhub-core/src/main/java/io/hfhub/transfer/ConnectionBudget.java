package io.hfhub.transfer;

import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;

/**
 * How many downloads bodies one {@code HfHub} streams at once, shared by every file of a snapshot and every
 * range of its large files: one scheduler for all connections, so a big file's ranges and the small files
 * around it take turns fairly (first come, first served) instead of multiplying (8 workers × 8 ranges).
 */
public final class ConnectionBudget {
    /** The default: a snapshot's 8 workers plus the 8 ranges of one large file. */
    public static final int DEFAULT = 16;

    private final Semaphore permits;
    private final int max;

    public ConnectionBudget(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the connection budget must be at least 1");
        }
        this.max = max;
        this.permits = new Semaphore(max, true);
    }

    public int max() {
        return max;
    }

    /** Waits for a connection slot; close the permit when the body is done. */
    public Permit acquire() throws InterruptedIOException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a connection slot");
        }
        return permits::release;
    }

    /** A held slot. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
