package io.hfhub.cli;

import java.io.PrintStream;
import java.util.function.IntSupplier;

/**
 * The one line at the bottom of a terminal that progress and retry notices rewrite in place, and the lines
 * printed above it. Every frame is cut to one column less than the terminal's width, so it can never wrap (a
 * wrapped frame is what makes a bar print its last line twice); without a terminal only whole lines are
 * written. Thread-safe: transfers report from many threads.
 */
final class StatusLine {
    private static final String CLEAR = "\r\033[K";

    private final PrintStream err;
    private final boolean terminal;
    private final IntSupplier columns;
    private String current = "";

    StatusLine(PrintStream err, boolean terminal, IntSupplier columns) {
        this.err = err;
        this.terminal = terminal;
        this.columns = columns;
    }

    boolean isTerminal() {
        return terminal;
    }

    /** Replaces the status line (a terminal only; otherwise nothing is written). */
    synchronized void show(String text) {
        if (!terminal) {
            return;
        }
        String next = Terminal.fit(text, Math.max(1, columns.getAsInt() - 1));
        if (next.equals(current)) {
            return;
        }
        current = next;
        err.print(CLEAR + current);
        err.flush();
    }

    /** Prints a line that stays, above the status line on a terminal. */
    synchronized void println(String line) {
        if (terminal) {
            err.print(CLEAR);
        }
        err.println(line);
        if (terminal && !current.isEmpty()) {
            err.print(current);
        }
        err.flush();
    }

    /** Removes the status line, leaving the cursor at the start of an empty line. */
    synchronized void clear() {
        if (terminal && !current.isEmpty()) {
            err.print(CLEAR);
            err.flush();
        }
        current = "";
    }
}
