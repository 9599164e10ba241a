package io.hfhub.cli;

/** {@code hfhub cache}: inspect and clean the shared Hugging Face cache, with {@code hf cache}'s commands. */
final class CacheCommand {
    static final CommandSpec SPEC = CommandSpec.group("cache")
            .describe("Inspect and clean the Hugging Face cache shared with the Python client.")
            .subcommand(CacheListCommand.SPEC)
            .subcommand(CacheRmCommand.SPEC)
            .subcommand(CachePruneCommand.SPEC)
            .subcommand(CacheVerifyCommand.SPEC)
            .footer("Examples:",
                    "  hfhub cache ls --sort size --limit 10",
                    "  hfhub cache rm model/acme/tiny-model --dry-run",
                    "  hfhub cache prune --dry-run",
                    "  hfhub cache verify acme/tiny-model");

    private CacheCommand() {
    }
}
