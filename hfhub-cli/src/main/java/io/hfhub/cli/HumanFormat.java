package io.hfhub.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Sizes and ages as {@code hf cache scan} prints them, so both tools' tables read the same. */
final class HumanFormat {
    private static final String[] UNITS = {"", "K", "M", "G", "T", "P", "E", "Z"};

    private HumanFormat() {}

    /** {@code 1.2G}, {@code 3.4M}, {@code 512.0}: decimal units, one decimal, as Python's {@code _format_size}. */
    static String size(long bytes) {
        double value = bytes;
        for (String unit : UNITS) {
            if (Math.abs(value) < 1000.0) {
                return String.format(Locale.ROOT, "%.1f%s", value, unit);
            }
            value /= 1000.0;
        }
        return String.format(Locale.ROOT, "%.1fY", value);
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
