package io.hfhub.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code hfhub} command: parses arguments and renders output on top of the public {@code io.hfhub} API. */
@Command(name = "hfhub", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Download files and repositories from the Hugging Face Hub into the shared cache.",
        subcommands = {CommandLine.HelpCommand.class, CacheCommand.class, ServeCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit status: 0 ok, 1 error, 2 usage. */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }
}
