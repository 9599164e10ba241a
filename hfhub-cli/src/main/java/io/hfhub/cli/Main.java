package io.hfhub.cli;

import io.hfhub.HfHubException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hfhub} command: parses arguments and renders output on top of the public {@code io.hfhub} API.
 * Exit status: 0 ok, 1 error, 2 usage.
 */
@Command(name = "hfhub", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Download files and repositories from the Hugging Face Hub into the shared cache.",
        subcommands = {DownloadCommand.class, ExtractCommand.class, CacheCommand.class, AuthCommand.class,
                ServeCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit status: 0 ok, 1 error, 2 usage error.",
                "Environment: HF_ENDPOINT, HF_HOME, HF_HUB_CACHE, HF_TOKEN, HF_TOKEN_PATH,",
                "  HF_HUB_OFFLINE, HF_HUB_ETAG_TIMEOUT, HF_HUB_DOWNLOAD_TIMEOUT,",
                "  HF_HUB_DISABLE_SYMLINKS, HF_HUB_DISABLE_PROGRESS_BARS, HFHUB_EXTRACT_MAX_BYTES."})
public final class Main implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A bare {@code hfhub}: a short usage on stderr and exit 2, as a missing command is a usage error. */
    @Override
    public Integer call() {
        return shortUsage(spec);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit status: 0 ok, 1 error, 2 usage. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, writing to the current {@code System.out} / {@code System.err}. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(System.out, true));
        cli.setErr(new PrintWriter(System.err, true));
        cli.setExecutionExceptionHandler(Main::handleError);
        cli.setParameterExceptionHandler(Main::usageError);
        return cli;
    }

    /**
     * A command group run without its subcommand ({@code hfhub}, {@code hfhub cache}): the subcommands in one
     * line each, then where to read more; exit 2.
     */
    static int shortUsage(CommandLine.Model.CommandSpec group) {
        PrintWriter err = group.commandLine().getErr();
        err.println("Usage: " + group.qualifiedName() + " COMMAND [ARGS]...");
        group.subcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName()) && !name.equals("help")) {
                String[] description = sub.getCommandSpec().usageMessage().description();
                err.printf("  %-9s %s%n", name, description.length > 0 ? description[0] : "");
            }
        });
        err.println("Try '" + group.qualifiedName() + " --help' for more.");
        err.flush();
        return 2;
    }

    /**
     * A usage error: one line naming the offending word, a suggestion when one is close, then where the help is;
     * exit 2. The whole help would bury the one line that matters.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        String message = e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                message += " (did you mean '" + suggestions.get(0) + "'?)";
            }
        }
        printError(cli.getErr(), message);
        cli.getErr().println("Try '" + cli.getCommandSpec().qualifiedName() + " --help'");
        cli.getErr().flush();
        return 2;
    }

    /** Every failure becomes one line on stderr that says what to do next; never a stack trace. */
    private static int handleError(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        String message;
        if (e instanceof HfHubException || e instanceof IllegalArgumentException) {
            message = e.getMessage();
        } else if (e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException) {
            message = e.getMessage() + " (check the path and its permissions)";
        } else {
            message = e + " (please report this with the command you ran)";
        }
        printError(cli.getErr(), message == null ? e.getClass().getSimpleName() : message);
        if (System.getenv("HFHUB_DEBUG") != null) {
            e.printStackTrace(cli.getErr());
        }
        return 1;
    }

    /**
     * The one place an error line is printed, for every command: {@code hfhub: } and the message on one line.
     */
    static void printError(PrintWriter err, String message) {
        err.println("hfhub: " + message.replace('\n', ' '));
        err.flush();
    }
}
