package io.hfhub.transfer;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The transfers' read buffers, pooled: a snapshot of hundreds of small files reuses a few buffers instead of
 * allocating one per file (each 256 KiB by default, which made the heap grow to hundreds of MB of garbage).
 * Direct buffers for a source that reads the socket straight into them ({@link RangeSource#directBuffers}): the
 * bytes then go to the file and the hash without a copy through the heap; heap buffers for the others, which read
 * through streams into arrays.
 */
final class Buffers {
    /** Buffers kept for reuse: a snapshot's workers plus the ranges of a large file, with room to spare. */
    private static final int KEPT = 32;
    private static final ConcurrentLinkedQueue<ByteBuffer> FREE = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger FREE_COUNT = new AtomicInteger();

    private Buffers() {}

    /** A cleared buffer of exactly {@code size} bytes, direct or not, reused when one is free. */
    static ByteBuffer take(int size, boolean direct) {
        ByteBuffer b;
        while ((b = FREE.poll()) != null) {
            FREE_COUNT.decrementAndGet();
            if (b.capacity() == size && b.isDirect() == direct) {
                return b.clear();
            }
        }
        return allocate(size, direct);
    }

    /** A new buffer of {@code size} bytes of the same kind as {@code like}. */
    static ByteBuffer like(ByteBuffer like) {
        return allocate(like.capacity(), like.isDirect());
    }

    private static ByteBuffer allocate(int size, boolean direct) {
        return direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
    }

    /**
     * Returns a buffer taken from {@link #take}; it must not be used afterwards. One given twice is kept once: two
     * connections sharing one buffer would splice each other's bytes (a check over at most {@value #KEPT}, once per
     * connection's end, not per read).
     */
    static void give(ByteBuffer b) {
        for (ByteBuffer free : FREE) {
            if (free == b) {
                return;
            }
        }
        if (FREE_COUNT.incrementAndGet() <= KEPT) {
            FREE.add(b);
        } else {
            FREE_COUNT.decrementAndGet();
        }
    }
}
