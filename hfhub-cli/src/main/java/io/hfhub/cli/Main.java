package io.hfhub.cli;

import io.hfhub.HfHubException;
import io.hfhub.HfHubVersion;
import io.hfhub.SafeText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code hfhub} command: parses arguments and renders output on top of the public {@code io.hfhub} API.
 * Exit status: 0 ok, 1 error, 2 usage.
 *
 * <p>The first word selects the command ({@code cache} and {@code auth} then take a second one); the command's
 * {@link CommandSpec} parses the rest. Only the command that runs is built: no other command class is loaded.
 */
public final class Main {
    /** Every command, for the help, a bare {@code hfhub}, and the suggestion after an unknown word. */
    private static final class Root {
        static final CommandSpec SPEC = CommandSpec.group("hfhub")
                .describe("Download files and repositories from the Hugging Face Hub into the shared cache.")
                .subcommand(DownloadCommand.SPEC)
                .subcommand(ExtractCommand.SPEC)
                .subcommand(CacheCommand.SPEC)
                .subcommand(AuthCommand.SPEC)
                .subcommand(ServeCommand.SPEC)
                .footer("Run 'hfhub help COMMAND' or 'hfhub COMMAND --help' for a command's options and examples.",
                        "", "Exit status: 0 ok, 1 error, 2 usage error.",
                        "Environment: HF_ENDPOINT, HF_HOME, HF_HUB_CACHE, HF_TOKEN, HF_TOKEN_PATH,",
                        "  HF_HUB_OFFLINE, HF_HUB_ETAG_TIMEOUT, HF_HUB_DOWNLOAD_TIMEOUT,",
                        "  HF_HUB_DISABLE_SYMLINKS, HF_HUB_DISABLE_PROGRESS_BARS, HFHUB_EXTRACT_MAX_BYTES,",
                        "  HF_DEBUG (log requests and cache decisions to stderr).");
    }

    private final PrintWriter out = new PrintWriter(System.out, true);
    private final PrintWriter err = new PrintWriter(System.err, true);

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit status: 0 ok, 1 error, 2 usage. */
    public static int run(String... args) {
        CliLogging.configure(CliLogging.debugRequested(System.getenv("HF_DEBUG")));
        return new Main().dispatch(args);
    }

    /** A top-level command by name, without building the others. */
    private static CommandSpec command(String word) {
        return switch (word) {
            case "download" -> DownloadCommand.SPEC;
            case "extract" -> ExtractCommand.SPEC;
            case "cache" -> CacheCommand.SPEC;
            case "auth" -> AuthCommand.SPEC;
            case "serve" -> ServeCommand.SPEC;
            default -> null;
        };
    }

    /** {@code hfhub --version}. */
    static String version() {
        return "hfhub " + HfHubVersion.VERSION + " (java " + Runtime.version() + ")";
    }

    private int dispatch(String[] args) {
        CommandSpec spec = null; // null: hfhub itself, whose commands are looked up without building them all
        String path = "hfhub";
        int i = 0;
        try {
            while (spec == null || spec.isGroup()) {
                // a group's own options, before its command word
                for (; i < args.length && args[i].startsWith("-"); i++) {
                    switch (args[i]) {
                        case "--verbose" -> CliLogging.configure(true);
                        case "-h", "--help" -> {
                            return print(group(spec).help(path));
                        }
                        case "-V", "--version" -> {
                            return print(version());
                        }
                        default -> throw new UsageException("Unknown option: '" + args[i] + "'", args[i]);
                    }
                }
                if (i == args.length) {
                    err.print(group(spec).shortUsage(path));
                    err.flush();
                    return 2;
                }
                String word = args[i++];
                if (spec == null && word.equals("help")) {
                    return help(Arrays.copyOfRange(args, i, args.length));
                }
                CommandSpec sub = spec == null ? command(word) : spec.subcommand(word);
                if (sub == null) {
                    throw new UsageException("Unmatched argument: '" + word + "'", word);
                }
                spec = sub;
                path += " " + sub.name;
            }
            Arguments arguments = spec.parse(Arrays.copyOfRange(args, i, args.length));
            if (arguments.has("--verbose")) {
                CliLogging.configure(true);
            }
            if (arguments.has("--help")) {
                return print(spec.help(path));
            }
            if (arguments.has("--version")) {
                return print(version());
            }
            spec.checkParameters(arguments);
            return execute(spec.create(arguments));
        } catch (UsageException e) {
            return usageError(e, group(spec), path);
        }
    }

    private static CommandSpec group(CommandSpec spec) {
        return spec == null ? Root.SPEC : spec;
    }

    private int print(String text) {
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
        return 0;
    }

    /** {@code hfhub help [COMMAND [SUBCOMMAND]]}: the help of that command. */
    private int help(String[] words) {
        CommandSpec spec = Root.SPEC;
        String path = "hfhub";
        for (String word : words) {
            CommandSpec sub = spec.subcommand(word);
            if (sub == null) {
                throw new UsageException("Unknown subcommand '" + word + "'", word);
            }
            spec = sub;
            path += " " + sub.name;
        }
        return print(spec.help(path));
    }

    /** Runs the command; every failure becomes one line on stderr (exit 1), never a stack trace. */
    private static int execute(ErrorReportingCommand command) {
        try {
            return command.execute();
        } catch (Exception e) {
            return handleError(e, command.err());
        }
    }

    /**
     * A usage error: one line naming the offending word, a suggestion when one is close, then where the help is;
     * exit 2. The whole help would bury the one line that matters.
     */
    private int usageError(UsageException e, CommandSpec spec, String path) {
        String message = e.getMessage();
        if (e.word() != null) {
            List<String> words = spec.words();
            if (spec == Root.SPEC) {
                words.add("help");
            }
            String suggestion = closest(e.word(), words);
            if (suggestion != null) {
                message += " (did you mean '" + suggestion + "'?)";
            }
        }
        printError(err, message);
        err.println("Try '" + path + " --help'");
        err.flush();
        return 2;
    }

    /**
     * The option or subcommand among {@code candidates} nearest to {@code word} by edit distance, if near enough to
     * be a typo (at most a third of its length, at least 2).
     */
    static String closest(String word, List<String> candidates) {
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
    private static int handleError(Exception e, PrintWriter err) {
        String message;
        if (e instanceof HfHubException || e instanceof IllegalArgumentException) {
            message = e.getMessage();
        } else if (e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException) {
            message = e.getMessage() + " (check the path and its permissions)";
        } else {
            message = e + " (please report this with the command you ran)";
        }
        printError(err, message == null ? e.getClass().getSimpleName() : message);
        if (System.getenv("HFHUB_DEBUG") != null) {
            e.printStackTrace(err);
            err.flush();
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
