package io.hfhub.cli;

import io.hfhub.HfHubException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * Base of the cache and serve commands: a failure becomes one line on stderr saying what to do next and
 * exit status 1, instead of a stack trace. Usage errors stay with picocli (exit status 2).
 */
abstract class ErrorReportingCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command; returns its exit status. */
    protected abstract int execute() throws Exception;

    @Override
    public final Integer call() {
        try {
            return execute();
        } catch (HfHubException | IllegalArgumentException e) {
            return fail(e.getMessage());
        } catch (UncheckedIOException e) {
            return fail(e.getMessage() + " (check the path and its permissions)");
        } catch (Exception e) {
            return fail(e + " (please report this with the command you ran)");
        }
    }

    /** Prints {@code hfhub: message} on stderr and returns 1. */
    protected int fail(String message) {
        err().println("hfhub: " + message);
        err().flush();
        return 1;
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
