package io.hfhub.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The set of byte ranges of one file already written to disk, kept merged (overlapping or adjacent ranges become
 * one). Chunks finish out of order when fetched in parallel; this set answers what is still
 * {@link #missing missing} after a crash, and how far from byte 0 everything is done
 * ({@link #contiguousPrefix}) so the file's hash can be fed in order while later chunks are still arriving.
 *
 * <p>It round-trips to the resume state's JSON form, a list of inclusive pairs:
 * {@code "ranges":[[0,8388607],[8388608,16777215]]} (stored merged, e.g. {@code [[0,16777215]]}).
 *
 * <p>Thread-safe: every method is atomic with respect to the others, because the connections of one file record
 * their chunks into the same instance while the hasher and the resume-state writer read it.
 */
public final class CompletedRanges {
    /** start → end (inclusive) of disjoint, non-adjacent ranges. Guarded by {@code this}. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    /** An empty set. */
    public CompletedRanges() {}

    /** A set of {@code ranges} (in any order, overlapping or not), e.g. those a resume state recorded. */
    public static CompletedRanges of(List<ByteRange> ranges) {
        CompletedRanges set = new CompletedRanges();
        for (ByteRange range : ranges) {
            set.add(range);
        }
        return set;
    }

    /** Records {@code [start, end]} (inclusive) as written. */
    public void add(long start, long end) {
        add(new ByteRange(start, end));
    }

    /** Records {@code range} as written, merging it with the ranges it overlaps or touches. */
    public synchronized void add(ByteRange range) {
        long start = range.start();
        long end = range.end();
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        // end + 1 would overflow at Long.MAX_VALUE; "touches" is checked as before.end >= start - 1.
        if (before != null && before.getValue() >= start - 1) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        Map.Entry<Long, Long> next = ranges.ceilingEntry(start);
        while (next != null && (end == Long.MAX_VALUE || next.getKey() <= end + 1)) {
            end = Math.max(end, next.getValue());
            ranges.remove(next.getKey());
            next = ranges.higherEntry(next.getKey());
        }
        ranges.put(start, end);
    }

    /** The number of bytes from 0 that are all written: the first missing byte's offset. */
    public synchronized long contiguousPrefix() {
        Map.Entry<Long, Long> first = ranges.firstEntry();
        return first != null && first.getKey() == 0 ? first.getValue() + 1 : 0;
    }

    /** The total number of bytes written. */
    public synchronized long completedBytes() {
        long total = 0;
        for (Map.Entry<Long, Long> e : ranges.entrySet()) {
            total += e.getValue() - e.getKey() + 1;
        }
        return total;
    }

    /** The ranges within a file of {@code size} bytes that are not written yet, in order. */
    public synchronized List<ByteRange> missing(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size=" + size);
        }
        List<ByteRange> gaps = new ArrayList<>();
        long next = 0;
        for (Map.Entry<Long, Long> e : ranges.entrySet()) {
            if (e.getKey() >= size) {
                break;
            }
            if (e.getKey() > next) {
                gaps.add(new ByteRange(next, e.getKey() - 1));
            }
            next = Math.max(next, e.getValue() + 1);
        }
        if (next < size) {
            gaps.add(new ByteRange(next, size - 1));
        }
        return List.copyOf(gaps);
    }

    /** Whether every byte of a file of {@code size} bytes is written. */
    public boolean isComplete(long size) {
        return missing(size).isEmpty();
    }

    /** A snapshot of the merged ranges, in order. */
    public synchronized List<ByteRange> ranges() {
        List<ByteRange> out = new ArrayList<>(ranges.size());
        ranges.forEach((start, end) -> out.add(new ByteRange(start, end)));
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "CompletedRanges" + ranges();
    }
}
