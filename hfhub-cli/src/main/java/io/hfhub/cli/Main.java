package io.hfhub.cli;

import io.hfhub.HfHubException;
import io.hfhub.SafeText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hfhub} command: parses arguments and renders output on top of the public {@code io.hfhub} API.
 * Exit status: 0 ok, 1 error, 2 usage.
 */
@Command(name = "hfhub", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Download files and repositories from the Hugging Face Hub into the shared cache.",
        footer = {"", "Exit status: 0 ok, 1 error, 2 usage error.",
                "Environment: HF_ENDPOINT, HF_HOME, HF_HUB_CACHE, HF_TOKEN, HF_TOKEN_PATH,",
                "  HF_HUB_OFFLINE, HF_HUB_ETAG_TIMEOUT, HF_HUB_DOWNLOAD_TIMEOUT,",
                "  HF_HUB_DISABLE_SYMLINKS, HF_HUB_DISABLE_PROGRESS_BARS, HFHUB_EXTRACT_MAX_BYTES,",
                "  HF_DEBUG (log requests and cache decisions to stderr)."})
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

    /**
     * Library DEBUG events on stderr for this run (also {@code HF_DEBUG=1}); an option of every command, set before
     * the command runs.
     */
    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Log every request, redirect, retry and cache decision to stderr (also HF_DEBUG=1).")
    void verbose(boolean verbose) {
        if (verbose) {
            CliLogging.configure(true);
        }
    }

    /** Runs the CLI and returns its exit status: 0 ok, 1 error, 2 usage. */
    public static int run(String... args) {
        CliLogging.configure(CliLogging.debugRequested(System.getenv("HF_DEBUG")));
        return commandLine(args).execute(args);
    }

    /**
     * The commands, in the order the help lists them. Each is built only when needed: picocli reads a command's
     * annotations by reflection when it is added, and building all of them took about as long as building the one
     * that runs plus loading picocli (measured with the bench's start-up figures, README "Benchmarks").
     */
    private static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("download", DownloadCommand::new);
        commands.put("extract", ExtractCommand::new);
        commands.put("cache", CacheCommand::new);
        commands.put("auth", AuthCommand::new);
        commands.put("serve", ServeCommand::new);
        commands.put("help", CommandLine.HelpCommand::new);
        return commands;
    }

    /** The command line with every command: for the help, a bare {@code hfhub} and an unknown command. */
    static CommandLine commandLine() {
        return commandLine(COMMANDS.keySet());
    }

    /**
     * The command line that {@code args} need: only the command they name (the first word that is not an option;
     * hfhub's own options take no value), or every command when they name none or an unknown one or ask for help.
     */
    static CommandLine commandLine(String[] args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return COMMANDS.containsKey(arg) && !arg.equals("help")
                        ? commandLine(List.of(arg)) : commandLine(COMMANDS.keySet());
            }
        }
        return commandLine(COMMANDS.keySet());
    }

    /** The configured command line with {@code names} as its commands, writing to the current stdout / stderr. */
    private static CommandLine commandLine(Collection<String> names) {
        CommandLine cli = new CommandLine(new Main());
        for (String name : names) {
            cli.addSubcommand(name, COMMANDS.get(name).get());
        }
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
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String word = unmatched.getUnmatched().get(0);
            String suggestion = closest(word, cli.getCommandSpec());
            if (suggestion != null) {
                message += " (did you mean '" + suggestion + "'?)";
            }
        }
        printError(cli.getErr(), message);
        cli.getErr().println("Try '" + cli.getCommandSpec().qualifiedName() + " --help'");
        cli.getErr().flush();
        return 2;
    }

    /**
     * The option or subcommand of {@code spec} nearest to {@code word} by edit distance, if near enough to be a
     * typo (at most a third of its length, at least 2): picocli's own suggestions are not ranked.
     */
    static String closest(String word, CommandLine.Model.CommandSpec spec) {
        List<String> candidates = new java.util.ArrayList<>(spec.optionsMap().keySet());
        candidates.addAll(spec.subcommands().keySet());
        String best = null;
        int bestDistance = Math.max(2, word.length() / 3) + 1;
        for (String candidate : candidates) {
            int d = editDistance(word, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * A message as it may reach a terminal: secrets redacted (the shapes of tokens and signed URLs, and the token of
     * the environment), control characters escaped, so a server's text can neither leak a token nor drive the
     * terminal. Every line hfhub writes to stderr about a failure goes through here.
     */
    static String printable(String message) {
        List<String> secrets = new ArrayList<>();
        for (String name : new String[] {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"}) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                secrets.add(value.strip());
            }
        }
        return SafeText.escape(SafeText.redact(message, secrets));
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
        err.println("hfhub: " + printable(message));
        err.flush();
    }
}
