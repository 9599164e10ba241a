package io.hfhub.transfer;

/**
 * An inclusive byte range {@code [start, end]}, as in an HTTP {@code Range: bytes=start-end} header.
 *
 * @param start the first byte, {@code >= 0}
 * @param end the last byte, {@code >= start}
 */
public record ByteRange(long start, long end) {

    /** Rejects negative and empty ranges. */
    public ByteRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("invalid byte range [" + start + ", " + end + "]");
        }
    }

    /** The number of bytes in the range. */
    public long length() {
        return end - start + 1;
    }

    /** The value of an HTTP {@code Range} header asking for exactly this range. */
    public String toHeaderValue() {
        return "bytes=" + start + "-" + end;
    }
}
