package io.hfhub.cli;

import java.util.Locale;

/** Human-readable sizes, 1024-based: {@code 512B}, {@code 3.4K}, {@code 1.2M}, {@code 5.0G}. */
final class Sizes {
    private Sizes() {}

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        String units = "KMGTPE";
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length() - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f%c", value, units.charAt(unit));
    }
}
