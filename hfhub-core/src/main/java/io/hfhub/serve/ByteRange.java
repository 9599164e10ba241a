package io.hfhub.serve;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single byte range of a {@code Range} header, resolved against the file size.
 *
 * @param first the first byte, inclusive
 * @param last  the last byte, inclusive
 */
record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** Thrown for a syntactically valid range that starts beyond the end of the file (416). */
    static final class Unsatisfiable extends Exception {
        Unsatisfiable() {
            super(null, null, false, false);
        }
    }

    long length() {
        return last - first + 1;
    }

    /**
     * Parses {@code bytes=a-b}, {@code bytes=a-} and {@code bytes=-n}. Empty when there is no header or one
     * this server ignores (multiple ranges, other units, malformed): RFC 9110 lets a server answer those
     * with the whole file.
     */
    static Optional<ByteRange> parse(String header, long size) throws Unsatisfiable {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (m.group(1).isEmpty()) { // suffix: the last n bytes
                long n = Long.parseLong(m.group(2));
                if (n == 0 || size == 0) {
                    throw new Unsatisfiable();
                }
                return Optional.of(new ByteRange(Math.max(0, size - n), size - 1));
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (first >= size) {
                throw new Unsatisfiable();
            }
            return last < first ? Optional.empty() : Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty(); // more digits than a long: ignore like any malformed range
        }
    }
}
