package io.hfhub.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * Base of the cache and serve commands: {@link #fail} reports a problem the command found itself as one line
 * on stderr with exit status 1; exceptions are reported by {@link Main} the same way. Usage errors stay with
 * picocli (exit status 2).
 */
abstract class ErrorReportingCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command; returns its exit status. */
    protected abstract int execute() throws Exception;

    /** Exceptions go to {@link Main}'s handler, which prints them as one line, the same for every command. */
    @Override
    public final Integer call() throws Exception {
        return execute();
    }

    /** Prints {@code hfhub: message} on stderr and returns 1. */
    protected int fail(String message) {
        Main.printError(err(), message);
        return 1;
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
