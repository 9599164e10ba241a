package io.hfhub.transfer;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one file into the byte ranges fetched in parallel over several connections.
 *
 * <p>Small files are fetched in one request: below the threshold, the extra round trips of ranged requests cost
 * more than the bandwidth they add. The defaults follow what works on the Hub's CDN: 8 MiB chunks are large enough
 * that per-request latency is a few percent of the transfer even at hundreds of MB/s, and small enough that a
 * failed chunk is cheap to refetch; 32 MiB (four chunks) is where splitting starts to pay off. For comparison,
 * Python's retired hf_transfer used 10 MiB chunks above 50 MiB.
 */
public final class RangePlan {
    /** Files larger than this are split into chunks. */
    public static final long DEFAULT_THRESHOLD = 32L << 20;
    /** The size of each chunk but the last. */
    public static final long DEFAULT_CHUNK_SIZE = 8L << 20;

    private RangePlan() {}

    /** {@link #plan(long, long, long)} with the default threshold and chunk size. */
    public static List<ByteRange> plan(long size) {
        return plan(size, DEFAULT_THRESHOLD, DEFAULT_CHUNK_SIZE);
    }

    /**
     * The ranges covering a file of {@code size} bytes in order: none for an empty file (there is no byte to ask
     * for), one range when {@code size <= threshold}, otherwise consecutive chunks of {@code chunkSize} bytes, the
     * last one possibly shorter.
     *
     * @throws IllegalArgumentException for a negative size or threshold, or a chunk size below 1
     */
    public static List<ByteRange> plan(long size, long threshold, long chunkSize) {
        if (size < 0 || threshold < 0 || chunkSize < 1) {
            throw new IllegalArgumentException(
                    "size=" + size + ", threshold=" + threshold + ", chunkSize=" + chunkSize);
        }
        if (size == 0) {
            return List.of();
        }
        if (size <= threshold) {
            return List.of(new ByteRange(0, size - 1));
        }
        return split(List.of(new ByteRange(0, size - 1)), chunkSize);
    }

    /**
     * Cuts each range into pieces of at most {@code chunkSize} bytes, keeping the order; used to schedule the
     * {@link CompletedRanges#missing missing} ranges of a resumed download.
     */
    public static List<ByteRange> split(List<ByteRange> ranges, long chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize=" + chunkSize);
        }
        List<ByteRange> out = new ArrayList<>();
        for (ByteRange range : ranges) {
            for (long start = range.start(); start <= range.end(); start += chunkSize) {
                // min() before adding would overflow for ranges ending near Long.MAX_VALUE; compare lengths instead.
                long end = range.end() - start < chunkSize ? range.end() : start + chunkSize - 1;
                out.add(new ByteRange(start, end));
                if (end == range.end()) {
                    break;
                }
            }
        }
        return List.copyOf(out);
    }
}
