package io.hfhub.transfer;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transfers' read buffers, pooled: a snapshot of hundreds of small files reuses a few buffers instead of
 * allocating one per file (each 256 KiB by default, which made the heap grow to hundreds of MB of garbage).
 */
final class Buffers {
    /** Buffers kept for reuse: a snapshot's workers plus the ranges of a large file, with room to spare. */
    private static final int KEPT = 32;
    private static final ConcurrentLinkedQueue<byte[]> FREE = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger FREE_COUNT = new AtomicInteger();

    private Buffers() {}

    /** A buffer of exactly {@code size} bytes, reused when one is free. */
    static byte[] take(int size) {
        byte[] b;
        while ((b = FREE.poll()) != null) {
            FREE_COUNT.decrementAndGet();
            if (b.length == size) {
                return b;
            }
        }
        return new byte[size];
    }

    /** Returns a buffer taken from {@link #take}; it must not be used afterwards. */
    static void give(byte[] b) {
        if (FREE_COUNT.incrementAndGet() <= KEPT) {
            FREE.add(b);
        } else {
            FREE_COUNT.decrementAndGet();
        }
    }
}
