package io.hfhub.cli;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Where every {@code System.Logger} goes when the CLI runs: this class is the JVM's logger finder (declared in
 * {@code META-INF/services}), so the library's log (and the JDK's own) reaches stderr one line each, through
 * {@link Main#printable} like every other line the CLI writes there: secrets redacted, control characters escaped.
 * {@code io.hfhub} is silent by default (the CLI reports what needs action itself, through its notices and its
 * error line; {@code serve} shows warnings, having no such channel), every DEBUG event with {@code HF_DEBUG=1} (the
 * Python client's variable) or {@code --verbose}; other loggers (the JDK's) show INFO and above, as
 * {@code java.util.logging}'s default console would.
 *
 * <p>Why not {@code java.util.logging} behind {@code System.Logger}, the JDK's default: its set-up (reading its
 * configuration, levels, handlers, formatter, ~50 classes) cost every run 10-20 ms before the first request was sent
 * (class-load log, 2026-11-30), for a log that is off unless asked for. A library user keeps the JDK's default or
 * their own finder: this one is in the CLI's jar only.
 */
public final class CliLogging extends System.LoggerFinder {
    /** The threshold of {@code io.hfhub.*}: OFF (nothing), DEBUG (everything), or WARNING for {@code serve}. */
    private static volatile System.Logger.Level hfhubLevel = System.Logger.Level.OFF;

    /** Made by the JVM's service lookup, once per run. */
    public CliLogging() {}

    /** Sets the level for this run: DEBUG when {@code debug}, else nothing at all. */
    static void configure(boolean debug) {
        hfhubLevel = debug ? System.Logger.Level.DEBUG : System.Logger.Level.OFF;
    }

    /**
     * WARNING and above at least, for a command with no other channel for them ({@code serve}: a long-running
     * server whose failures to answer an operator must see).
     */
    static void showWarnings() {
        if (hfhubLevel == System.Logger.Level.OFF) {
            hfhubLevel = System.Logger.Level.WARNING;
        }
    }

    /** Whether {@code HF_DEBUG} asks for the debug log: 1, ON, YES or TRUE, as the Python client reads it. */
    static boolean debugRequested(String value) {
        if (value == null) {
            return false;
        }
        return switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "1", "ON", "YES", "TRUE" -> true;
            default -> false;
        };
    }

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new StderrLogger(name, name.equals("io.hfhub") || name.startsWith("io.hfhub."));
    }

    /**
     * One record, one line: {@code hfhub: debug: <message>}. Written to the {@code System.err} of the moment (tests
     * replace it per run), whole lines under a lock so that the threads of a snapshot never interleave within one.
     */
    private static final class StderrLogger implements System.Logger {
        private static final Object LINES = new Object();
        private final String name;
        private final boolean hfhub;

        StderrLogger(String name, boolean hfhub) {
            this.name = name;
            this.hfhub = hfhub;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public boolean isLoggable(Level level) {
            Level threshold = hfhub ? hfhubLevel : Level.INFO;
            return level != Level.OFF && threshold != Level.OFF && level.getSeverity() >= threshold.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            if (isLoggable(level)) {
                write(level, localized(bundle, message) + (thrown != null ? ": " + thrown : ""));
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            if (isLoggable(level)) {
                String pattern = localized(bundle, format);
                write(level, params == null || params.length == 0 || pattern == null ? pattern
                        : MessageFormat.format(pattern, params));
            }
        }

        private static String localized(ResourceBundle bundle, String key) {
            if (bundle != null && key != null && bundle.containsKey(key)) {
                return bundle.getString(key);
            }
            return key;
        }

        private static void write(Level level, String message) {
            String line = "hfhub: " + levelName(level) + ": " + Main.printable(String.valueOf(message));
            synchronized (LINES) {
                System.err.println(line);
                System.err.flush();
            }
        }

        private static String levelName(Level level) {
            return switch (level) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "info";
                default -> "debug";
            };
        }
    }
}
