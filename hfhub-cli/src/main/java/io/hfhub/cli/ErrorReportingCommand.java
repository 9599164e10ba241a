package io.hfhub.cli;

import java.io.PrintWriter;

/**
 * Base of every command: {@link #fail} reports a problem the command found itself as one line on stderr with exit
 * status 1; exceptions are reported by {@link Main} the same way, and a {@link UsageException} as a usage error
 * (exit status 2). A command reads its arguments in its constructor, so a bad value is refused before any work.
 */
abstract class ErrorReportingCommand {
    /** The streams of the moment the command is made (tests swap {@code System.out}). */
    private final PrintWriter out = new PrintWriter(System.out, true);
    private final PrintWriter err = new PrintWriter(System.err, true);

    /** Runs the command; returns its exit status. */
    protected abstract int execute() throws Exception;

    /** Prints {@code hfhub: message} on stderr and returns 1. */
    protected int fail(String message) {
        Main.printError(err(), message);
        return 1;
    }

    protected PrintWriter out() {
        return out;
    }

    protected PrintWriter err() {
        return err;
    }
}
