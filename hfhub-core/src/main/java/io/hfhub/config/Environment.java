package io.hfhub.config;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of environment variables, read once (never from static fields), so tests can inject their own.
 */
public final class Environment {
    private final Map<String, String> vars;

    private Environment(Map<String, String> vars) {
        this.vars = Map.copyOf(vars);
    }

    /** The process environment as it is now. */
    public static Environment system() {
        return new Environment(System.getenv());
    }

    public static Environment of(Map<String, String> vars) {
        return new Environment(Objects.requireNonNull(vars));
    }

    /** Every variable, for components that read their own settings. */
    public Map<String, String> asMap() {
        return vars;
    }

    /** The value, or null when unset or blank. */
    public String get(String name) {
        String v = vars.get(name);
        return v == null || v.isBlank() ? null : v;
    }

    /** The Python client's truthy values: {@code 1}, {@code ON}, {@code YES}, {@code TRUE} (any case). */
    public boolean flag(String name) {
        String v = get(name);
        if (v == null) {
            return false;
        }
        return switch (v.trim().toUpperCase(Locale.ROOT)) {
            case "1", "ON", "YES", "TRUE" -> true;
            default -> false;
        };
    }

    /** A whole number of seconds; unset, unparsable or 0 gives the default (as the Python client does). */
    public double seconds(String name, double defaultSeconds) {
        String v = get(name);
        if (v == null) {
            return defaultSeconds;
        }
        try {
            double d = Double.parseDouble(v.trim());
            return d > 0 ? d : defaultSeconds;
        } catch (NumberFormatException e) {
            return defaultSeconds;
        }
    }
}
