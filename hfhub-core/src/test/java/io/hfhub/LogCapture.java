package io.hfhub;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Records what hfhub logs through {@code System.Logger}, whose default backend is {@code java.util.logging}: a
 * handler on the {@code io.hfhub} logger at DEBUG (FINE), removed and the level restored on close.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    /** Held strongly: java.util.logging keeps loggers weakly, and a collected one forgets its handler. */
    private final Logger logger = Logger.getLogger("io.hfhub");
    private final Level previous = logger.getLevel();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    public LogCapture() {
        setLevel(Level.ALL);
        logger.setLevel(Level.FINE);
        logger.addHandler(this);
    }

    /** Every record so far, as {@code LEVEL logger: message} lines, the thrown exception's text included. */
    public List<String> lines() {
        return records.stream().map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + formatter.formatMessage(r)
                + (r.getThrown() != null ? " " + r.getThrown() : "")).toList();
    }

    /** The lines at this level. */
    public List<String> lines(Level level) {
        return lines().stream().filter(l -> l.startsWith(level.getName() + " ")).toList();
    }

    public void clear() {
        records.clear();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
    }
}
