package io.hfhub.cli;

import io.hfhub.cache.CachePruner;
import io.hfhub.cache.PruneAction;
import io.hfhub.cache.PruneReport;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hfhub cache prune}: removes abandoned partial downloads and unused lock files. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Remove abandoned partial downloads (blobs/*.incomplete and their resume state), unused"
                + " lock files, and the temporary files and folders of interrupted commands once their process is"
                + " gone.",
                "Never touches a download another process is running, nor any revision: use `hfhub cache"
                        + " delete` for those."},
        footer = {"", "Examples:",
                "  hfhub cache prune",
                "  hfhub cache prune --older-than 30m",
                "  hfhub cache prune --older-than 7d --dry-run"})
final class CachePruneCommand extends ErrorReportingCommand {
    @Mixin
    CacheDirOption cache;

    @Option(names = "--older-than", paramLabel = "AGE", converter = DurationConverter.class, defaultValue = "24h",
            description = {"Only files untouched for this long: 30m, 24h, 7d (default: ${DEFAULT-VALUE}).",
                    "Partials with no hfhub owner recorded (the Python client's) are kept until untouched for 1h"
                            + " whatever this says: their writer's lock cannot be seen from Java."})
    Duration olderThan;

    @Option(names = "--dry-run", description = "Show what would be removed and remove nothing.")
    boolean dryRun;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Override
    protected int execute() {
        PruneReport report = CachePruner.create().prune(cache.cacheDir(), olderThan, dryRun);
        if (!quiet) {
            String verb = dryRun ? "Would remove" : "Removed";
            for (PruneAction action : report.removed()) {
                out().printf("%s %s (%s, %s)%n", verb, action.path(), HumanFormat.size(action.size()), action.reason());
            }
            for (PruneAction action : report.kept()) {
                out().printf("Kept %s: %s%n", action.path(), action.reason());
            }
            if (report.removed().isEmpty()) {
                out().println("Nothing to prune.");
            } else {
                out().printf("%s %s.%n", dryRun ? "Would free" : "Freed", HumanFormat.size(report.freedSize()));
            }
            out().flush();
        }
        return 0;
    }
}
