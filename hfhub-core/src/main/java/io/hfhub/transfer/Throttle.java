package io.hfhub.transfer;

import java.io.InterruptedIOException;
import java.util.concurrent.locks.LockSupport;

/**
 * A token bucket shared by every transfer of one {@code HfHub}, so N parallel connections together stay under
 * the limit. The bucket holds at most one second's worth of bytes: an idle period never buys a longer burst.
 * Each caller reserves its bytes under the lock and sleeps outside it.
 */
public final class Throttle {
    /** No limit. */
    public static final Throttle NONE = new Throttle(0);

    private final long bytesPerSecond;
    private long nextFreeNanos = System.nanoTime();

    /** {@code bytesPerSecond} of 0 or less means unlimited. */
    public Throttle(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    public long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** Blocks until {@code bytes} may pass. */
    public void acquire(long bytes) throws InterruptedIOException {
        if (bytesPerSecond <= 0 || bytes <= 0) {
            return;
        }
        long waitNanos;
        synchronized (this) {
            long now = System.nanoTime();
            long burstStart = now - 1_000_000_000L; // at most one second of credit
            if (nextFreeNanos < burstStart) {
                nextFreeNanos = burstStart;
            }
            nextFreeNanos += (long) (bytes * 1e9 / bytesPerSecond);
            waitNanos = nextFreeNanos - now;
        }
        while (waitNanos > 0) {
            long start = System.nanoTime();
            LockSupport.parkNanos(waitNanos);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while throttled");
            }
            waitNanos -= System.nanoTime() - start;
        }
    }
}
