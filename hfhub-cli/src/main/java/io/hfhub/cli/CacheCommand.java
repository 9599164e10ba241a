package io.hfhub.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hfhub cache}: inspect and clean the shared Hugging Face cache. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Inspect and clean the Hugging Face cache shared with the Python client.",
        subcommands = {CacheScanCommand.class, CacheDeleteCommand.class, CacheVerifyCommand.class,
                CachePruneCommand.class},
        footer = {"", "Examples:",
                "  hfhub cache scan",
                "  hfhub cache delete acme/tiny-model --revision refs/pr/1",
                "  hfhub cache verify acme/tiny-model",
                "  hfhub cache prune --older-than 7d --dry-run"})
final class CacheCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
