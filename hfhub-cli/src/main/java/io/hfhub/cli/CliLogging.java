package io.hfhub.cli;

import java.util.Locale;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Where the library's log goes when the CLI runs. hfhub logs through {@code System.Logger}, whose default backend
 * on the class path is {@code java.util.logging}; the CLI configures the {@code io.hfhub} logger there: silent by
 * default (the CLI reports what needs action itself, through its notices and its error line; {@code serve} shows
 * warnings, having no such channel), every DEBUG event
 * with {@code HF_DEBUG=1} (the Python client's variable) or {@code --verbose}, one line each on stderr, through
 * {@link Main#printable} like every other line the CLI writes there: secrets redacted, control characters escaped.
 */
final class CliLogging {
    /** Held strongly: {@code java.util.logging} keeps loggers weakly, and a collected one forgets its settings. */
    private static final Logger HFHUB = Logger.getLogger("io.hfhub");
    private static final Handler STDERR = new StderrHandler();

    static {
        HFHUB.setUseParentHandlers(false); // never the JDK's two-line console format, unescaped
        HFHUB.addHandler(STDERR);
        STDERR.setLevel(Level.ALL);
    }

    private CliLogging() {}

    /** Sets the level for this run: DEBUG when {@code debug}, else nothing at all. */
    static void configure(boolean debug) {
        HFHUB.setLevel(debug ? Level.FINE : Level.OFF); // System.Logger's DEBUG is java.util.logging's FINE
    }

    /**
     * WARNING and above at least, for a command with no other channel for them ({@code serve}: a long-running
     * server whose failures to answer an operator must see).
     */
    static void showWarnings() {
        if (HFHUB.getLevel() == Level.OFF) {
            HFHUB.setLevel(Level.WARNING);
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

    /**
     * One record, one line: {@code hfhub: debug: <message>}. Written to the {@code System.err} of the moment (tests
     * replace it per run), whole lines under a lock so that the threads of a snapshot never interleave within one.
     */
    private static final class StderrHandler extends Handler {
        private final Formatter messages = new SimpleFormatter();

        @Override
        public synchronized void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            String message = messages.formatMessage(record);
            if (record.getThrown() != null) {
                message += ": " + record.getThrown();
            }
            System.err.println("hfhub: " + levelName(record.getLevel()) + ": " + Main.printable(message));
            System.err.flush();
        }

        private static String levelName(Level level) {
            if (level.intValue() >= Level.SEVERE.intValue()) {
                return "error";
            }
            if (level.intValue() >= Level.WARNING.intValue()) {
                return "warning";
            }
            return level.intValue() >= Level.INFO.intValue() ? "info" : "debug";
        }

        @Override
        public void flush() {
            System.err.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
