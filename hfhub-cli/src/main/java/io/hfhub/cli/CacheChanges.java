package io.hfhub.cli;

import io.hfhub.cache.DeletePlan;
import java.io.Console;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How {@code cache rm} and {@code cache prune} talk about a change to the cache, in each output format: the plan
 * (human only), the confirmation (a terminal, or {@code --yes}), the outcome, and the result (hf's
 * {@code out.result}: a sentence, one JSON object, or its first value).
 */
final class CacheChanges {
    private final ErrorReportingCommand command;
    private final OutputFormat output;
    private final boolean quiet;

    CacheChanges(ErrorReportingCommand command, OutputFormat output, boolean quiet) {
        this.command = command;
        this.output = output;
        this.quiet = quiet;
    }

    private boolean human() {
        return output.isHuman() && !quiet;
    }

    /** The summary sentence before the list. */
    void about(String sentence) {
        if (human()) {
            command.out().println(sentence);
        }
    }

    /** What the plan removes, one path per line. */
    void list(DeletePlan plan) {
        if (!human()) {
            return;
        }
        list("repository", plan.repos());
        list("snapshot", plan.snapshots());
        list("ref", plan.refs());
        list("blob", plan.blobs());
        command.out().flush();
    }

    private void list(String kind, Set<Path> paths) {
        paths.forEach(p -> command.out().printf("  %-10s %s%n", kind, p));
    }

    /** Asks on the terminal; without one, fails saying to pass {@code --yes}. False when not confirmed. */
    boolean confirm(String question) {
        Console console = System.console();
        if (console == null || !output.isHuman()) {
            command.fail("not deleting without confirmation: " + (console == null ? "stdin is not a terminal"
                    : "--format " + output.kind().name().toLowerCase(Locale.ROOT) + " does not ask") + "; pass --yes to delete");
            return false;
        }
        command.out().flush();
        String answer = console.readLine(question + " [y/N] ");
        if (answer == null || !Set.of("y", "yes").contains(answer.trim().toLowerCase(Locale.ROOT))) {
            command.fail("aborted, nothing deleted");
            return false;
        }
        return true;
    }

    /** Runs the plan; reports what was kept and what failed; false when something could not be deleted. */
    boolean run(DeletePlan plan) {
        DeletePlan.Outcome outcome = plan.run();
        // blobs a download linked or locked since the scan are kept on purpose: a note, not a failure
        outcome.kept().forEach(k -> command.err().println("hfhub: kept " + Terminal.printable(k)));
        outcome.failures().forEach(f -> command.err().println("hfhub: could not delete " + Terminal.printable(f)));
        command.err().flush();
        if (!outcome.failures().isEmpty()) {
            command.fail("some files could not be deleted (check their permissions, then run the command again)");
            return false;
        }
        return true;
    }

    /** The result: the sentence (human, unless quiet), the object (json), or its first value (quiet). */
    void result(String sentence, Map<String, Object> data) {
        output.result(command.out(), quiet ? null : sentence, data);
    }
}
