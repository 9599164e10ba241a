package io.hfhub;

import java.util.Locale;

/** Sizes as people write them, like curl's {@code --limit-rate}: {@code 512}, {@code 10K}, {@code 1.5G}, 1024-based. */
public final class ByteSize {
    private ByteSize() {}

    /**
     * Parses a byte count with an optional {@code K}, {@code M}, {@code G} or {@code T} suffix (1024-based,
     * case-insensitive, an optional trailing {@code B}).
     *
     * @param text the size as written, for example {@code 10M}
     * @return the number of bytes
     * @throws IllegalArgumentException for anything else, or a negative or overflowing size
     */
    public static long parse(String text) {
        String s = text.trim().toUpperCase(Locale.ROOT);
        if (s.endsWith("B")) {
            s = s.substring(0, s.length() - 1);
        }
        int shift = 0;
        if (!s.isEmpty()) {
            shift = switch (s.charAt(s.length() - 1)) {
                case 'K' -> 10;
                case 'M' -> 20;
                case 'G' -> 30;
                case 'T' -> 40;
                default -> 0;
            };
            if (shift > 0) {
                s = s.substring(0, s.length() - 1);
            }
        }
        double value;
        try {
            value = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a size (examples: 500K, 10M, 1.5G)");
        }
        if (!(value >= 0) || value * (1L << shift) >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("size out of range: " + text);
        }
        return (long) (value * (1L << shift));
    }
}
