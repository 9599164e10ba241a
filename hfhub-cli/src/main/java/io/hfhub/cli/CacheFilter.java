package io.hfhub.cli;

import io.hfhub.cache.CachedRepo;
import io.hfhub.cache.CachedRevision;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code cache ls --filter} expression, as {@code hf cache ls} reads it: {@code KEY OP VALUE} with the keys
 * {@code size} (bytes, or {@code 10MB}, {@code 1GB}: decimal), {@code accessed} / {@code modified} (an age:
 * {@code 7d}, {@code 12h}, {@code 2w}, {@code 3mo}, {@code 1y}), {@code type} and {@code refs} ({@code =} only).
 */
final class CacheFilter {
    private static final Pattern FORM = Pattern.compile("^([a-zA-Z_]+)\\s*(==|!=|>=|<=|>|<|=)\\s*(.+)$");
    private static final Pattern NUMBER_UNIT = Pattern.compile("(\\d+)([a-z]*)");
    private static final Map<String, Long> BYTE_UNITS = Map.of("", 1L, "b", 1L, "k", 1_000L, "kb", 1_000L, "m",
            1_000_000L, "mb", 1_000_000L, "g", 1_000_000_000L, "gb", 1_000_000_000L, "t", 1_000_000_000_000L, "tb",
            1_000_000_000_000L);
    private static final Map<String, Long> TIME_UNITS = Map.of("", 1L, "s", 1L, "m", 60L, "h", 3600L, "d", 86_400L,
            "w", 604_800L, "mo", 2_592_000L, "y", 31_536_000L);

    private final String key;
    private final String op;
    private final String value;
    private final long number;

    private CacheFilter(String key, String op, String value, long number) {
        this.key = key;
        this.op = op;
        this.value = value;
        this.number = number;
    }

    /** Parses an expression; {@link IllegalArgumentException} says what is wrong with it. */
    static CacheFilter parse(String expression) {
        Matcher m = FORM.matcher(expression.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + expression + "' is not a filter: use KEY OP VALUE, like size>1GB,"
                    + " accessed>7d, type=dataset or refs=main");
        }
        String key = m.group(1).toLowerCase(Locale.ROOT);
        String op = m.group(2).equals("==") ? "=" : m.group(2);
        String value = m.group(3).trim();
        switch (key) {
            case "size":
                return new CacheFilter(key, op, value, withUnit(value, BYTE_UNITS, expression));
            case "accessed":
            case "modified":
                return new CacheFilter(key, op, value, withUnit(value, TIME_UNITS, expression));
            case "type":
            case "refs":
                if (!op.equals("=")) {
                    throw new IllegalArgumentException("'" + expression + "': only = is supported for " + key);
                }
                return new CacheFilter(key, op, value.toLowerCase(Locale.ROOT), 0);
            default:
                throw new IllegalArgumentException("'" + expression + "': unknown filter key '" + key
                        + "' (use size, accessed, modified, type or refs)");
        }
    }

    /** Whether the repository, or one of its revisions when {@code revision} is given, passes. */
    boolean test(CachedRepo repo, CachedRevision revision, Instant now) {
        switch (key) {
            case "size":
                return compare(revision != null ? revision.sizeOnDisk() : repo.sizeOnDisk());
            case "accessed":
                return compare(Duration.between(repo.lastAccessed(), now).toSeconds());
            case "modified":
                Instant modified = revision != null ? revision.lastModified() : repo.lastModified();
                return compare(Duration.between(modified, now).toSeconds());
            case "type":
                return repo.repoType().id().equals(value);
            default:
                Set<String> refs = revision != null ? revision.refs() : repo.refs().keySet();
                return refs.stream().anyMatch(r -> r.toLowerCase(Locale.ROOT).equals(value));
        }
    }

    private boolean compare(long left) {
        switch (op) {
            case "=": return left == number;
            case "!=": return left != number;
            case ">": return left > number;
            case "<": return left < number;
            case ">=": return left >= number;
            default: return left <= number;
        }
    }

    /** For {@code --filter}: a bad expression, or a number too large, is a usage error. */
    static CacheFilter convert(String value) {
        try {
            return parse(value);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static long withUnit(String value, Map<String, Long> units, String expression) {
        Matcher m = NUMBER_UNIT.matcher(value.toLowerCase(Locale.ROOT));
        Long unit = m.matches() ? units.get(m.group(2)) : null;
        if (unit == null) {
            throw new IllegalArgumentException("'" + expression + "': '" + value + "' is not a number with a unit ("
                    + String.join(", ", new java.util.TreeSet<>(units.keySet())).replaceFirst("^, ", "") + ")");
        }
        return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    }
}
