package io.hfhub.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}, {@code 2w} for options like {@code --older-than}. */
final class DurationConverter {
    private static final Pattern FORM = Pattern.compile("(\\d+)([smhdw])");

    private DurationConverter() {
    }

    static Duration convert(String value) {
        Matcher m = FORM.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + value
                    + "' is not a duration: use a number and a unit, like 30m, 24h or 7d");
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
            case "s": return Duration.ofSeconds(n);
            case "m": return Duration.ofMinutes(n);
            case "h": return Duration.ofHours(n);
            case "d": return Duration.ofDays(n);
            default: return Duration.ofDays(7 * n);
        }
    }
}
