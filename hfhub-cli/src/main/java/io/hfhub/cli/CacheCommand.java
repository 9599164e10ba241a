package io.hfhub.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code hfhub cache}: inspect and clean the shared Hugging Face cache, with {@code hf cache}'s commands. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Inspect and clean the Hugging Face cache shared with the Python client.",
        subcommands = {CacheListCommand.class, CacheRmCommand.class, CachePruneCommand.class, CacheVerifyCommand.class},
        footer = {"", "Examples:",
                "  hfhub cache ls --sort size --limit 10",
                "  hfhub cache rm model/acme/tiny-model --dry-run",
                "  hfhub cache prune --dry-run",
                "  hfhub cache verify acme/tiny-model"})
final class CacheCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return Main.shortUsage(spec);
    }
}
