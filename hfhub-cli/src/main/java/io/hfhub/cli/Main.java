package io.hfhub.cli;

import io.hfhub.HfHubException;
import io.hfhub.text.ServerText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code hfhub} command: parses arguments and renders output on top of the public {@code io.hfhub} API.
 * Exit status: 0 ok, 1 error, 2 usage.
 */
@Command(name = "hfhub", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Download files and repositories from the Hugging Face Hub into the shared cache.",
        subcommands = {DownloadCommand.class, ExtractCommand.class, CacheCommand.class, ServeCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit status: 0 ok, 1 error, 2 usage error.",
                "Environment: HF_ENDPOINT, HF_HOME, HF_HUB_CACHE, HF_TOKEN, HF_TOKEN_PATH,",
                "  HF_HUB_OFFLINE, HF_HUB_ETAG_TIMEOUT, HF_HUB_DOWNLOAD_TIMEOUT,",
                "  HF_HUB_DISABLE_SYMLINKS, HF_HUB_DISABLE_PROGRESS_BARS, HFHUB_EXTRACT_MAX_BYTES."})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
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
        return cli;
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
        return ServerText.escape(ServerText.redact(message, secrets));
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
        cli.getErr().println("hfhub: " + printable(message == null ? e.getClass().getSimpleName() : message));
        cli.getErr().flush();
        if (System.getenv("HFHUB_DEBUG") != null) {
            e.printStackTrace(cli.getErr());
        }
        return 1;
    }
}
