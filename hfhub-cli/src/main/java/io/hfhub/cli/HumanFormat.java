package io.hfhub.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Sizes, rates and ages, written one way by every command: decimal units as {@code hf} uses them
 * ({@code 1.2 GB}, {@code 3.4 MB}), always with the unit, bytes under 1000 as such ({@code 512 B}).
 */
final class HumanFormat {
    private static final String[] UNITS = {"kB", "MB", "GB", "TB", "PB", "EB"};

    private HumanFormat() {}

    /** {@code 512 B}, {@code 1.5 kB}, {@code 3.4 MB}, {@code 1.2 GB}. */
    static String size(long bytes) {
        if (Math.abs(bytes) < 1000) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (Math.abs(value) >= 999.95 && unit < UNITS.length - 1) {
            value /= 1000.0;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** {@code 5.2 MB/s}. */
    static String rate(double bytesPerSecond) {
        return size(Math.round(bytesPerSecond)) + "/s";
    }

    /** {@code 0.4 s}, {@code 12 s}, {@code 3 min 5 s}, {@code 2 h 10 min}. */
    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 10) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + (s % 3600) / 60 + " min";
    }

    /** {@code a few seconds ago}, {@code 2 days ago}, as Python's {@code _format_timesince}. */
    static String timeSince(Instant then, Instant now) {
        double seconds = Duration.between(then, now).toMillis() / 1000.0;
        if (seconds < 20) {
            return "a few seconds ago";
        }
        String[] labels = {"second", "minute", "hour", "day", "week", "month", "year"};
        long[] dividers = {1, 60, 3600, 86_400, 604_800, 2_592_000, 31_536_000};
        long[] maxValues = {60, 60, 24, 6, 6, 11, Long.MAX_VALUE};
        long value = 0;
        String label = "";
        for (int i = 0; i < labels.length; i++) {
            value = Math.round(seconds / dividers[i]);
            label = labels[i];
            if (value <= maxValues[i]) {
                break;
            }
        }
        return value + " " + label + (value > 1 ? "s" : "") + " ago";
    }
}
