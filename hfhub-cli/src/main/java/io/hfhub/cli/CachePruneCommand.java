package io.hfhub.cli;

import io.hfhub.cache.CacheInfo;
import io.hfhub.cache.CachePruner;
import io.hfhub.cache.CacheScanner;
import io.hfhub.cache.CachedRepo;
import io.hfhub.cache.CachedRevision;
import io.hfhub.cache.DeletePlan;
import io.hfhub.cache.DetachedRevisions;
import io.hfhub.cache.PruneAction;
import io.hfhub.cache.PruneReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code hfhub cache prune}: what {@code hf cache prune} removes (detached revisions, which no ref points to),
 * plus hfhub's abandoned partial downloads and unused lock files, with the care that needs (never one in use;
 * the Python client's partials only when old). {@code --partials-only} is the partial cleanup alone, as the
 * command did before, without confirmation.
 */
final class CachePruneCommand extends ErrorReportingCommand {
    static final CommandSpec SPEC = CommandSpec.command("prune", CachePruneCommand::new)
            .describe("Remove detached revisions (no branch or tag points to them), abandoned partial downloads"
                            + " (blobs/*.incomplete and their resume state), unused lock files, and the temporary"
                            + " files and folders of interrupted commands once their process is gone.",
                    "Never touches a download another process is running.")
            .options(CacheDirOption.OPTIONS)
            .options(OutputFormat.OPTIONS)
            .option("--older-than", "AGE", "Partial downloads: only those untouched for this long: 30m, 24h, 7d"
                    + " (default: 24h). Partials with no hfhub owner recorded (the Python client's) are kept until"
                    + " untouched for 1h whatever this says: their writer's lock cannot be seen from Java.")
            .flag("--partials-only",
                    "Only partial downloads and lock files; keep every revision (no confirmation needed).")
            .flag("-y, --yes", "Delete detached revisions without asking.")
            .flag("--dry-run", "Show what would be removed and remove nothing.")
            .flag("-q, --quiet", "Print nothing but errors.")
            .footer("Examples:",
                    "  hfhub cache prune --dry-run",
                    "  hfhub cache prune --yes",
                    "  hfhub cache prune --partials-only --older-than 30m");

    private final CacheDirOption cache;
    private final OutputFormat output;
    private final Duration olderThan;
    private final boolean partialsOnly;
    private final boolean yes;
    private final boolean dryRun;
    private final boolean quiet;

    CachePruneCommand(Arguments args) {
        cache = new CacheDirOption(args);
        output = new OutputFormat(args);
        olderThan = args.value("--older-than", DurationConverter::convert, Duration.ofHours(24));
        partialsOnly = args.has("--partials-only");
        yes = args.has("--yes");
        dryRun = args.has("--dry-run");
        quiet = args.has("--quiet");
    }

    @Override
    protected int execute() {
        CacheInfo info = partialsOnly ? null : CacheScanner.scan(cache.cacheDir());
        Map<CachedRepo, List<CachedRevision>> detached = partialsOnly ? Map.of() : DetachedRevisions.find(info);
        int revisions = detached.values().stream().mapToInt(List::size).sum();
        DeletePlan plan = revisions == 0 ? null : DetachedRevisions.plan(info);
        CacheChanges changes = new CacheChanges(this, output, quiet);
        if (plan != null) {
            changes.about("Detached revisions (no ref points to them): " + revisions + ", "
                    + HumanFormat.size(plan.expectedFreedSize()) + ".");
            detached.forEach((repo, revs) -> revs.forEach(r -> changes.about("  " + repo.repoType().id() + "/"
                    + repo.repoId() + " " + r.commitHash() + " " + HumanFormat.size(r.sizeOnDisk()))));
            if (!dryRun && !yes && !changes.confirm("Delete these revisions?")) {
                return 1;
            }
            if (!dryRun && !changes.run(plan)) {
                return 1;
            }
        }
        PruneReport partials = CachePruner.create().prune(cache.cacheDir(), olderThan, dryRun);
        String verb = dryRun ? "Would remove" : "Removed";
        for (PruneAction action : partials.removed()) {
            changes.about(String.format("%s %s (%s, %s)", verb, action.path(), HumanFormat.size(action.size()),
                    action.reason()));
        }
        for (PruneAction action : partials.kept()) {
            changes.about("Kept " + action.path() + ": " + action.reason());
        }
        long freed = partials.freedSize() + (plan == null ? 0 : plan.expectedFreedSize());
        int incomplete = (int) partials.removed().stream().filter(a -> a.path().toString().endsWith(".incomplete"))
                .count();
        String size = HumanFormat.size(freed);
        if (dryRun) {
            changes.result(revisions == 0 && partials.removed().isEmpty() ? "Nothing to prune." : "Would free " + size + ".",
                    OutputFormat.object("dry_run", true, "revisions", revisions, "incomplete", incomplete,
                            "size", size, "size_on_disk", freed));
        } else {
            changes.result(revisions == 0 && partials.removed().isEmpty() ? "Nothing to prune." : "Freed " + size + ".",
                    OutputFormat.object("revisions_deleted", revisions, "incomplete_deleted", incomplete,
                            "freed", size, "freed_bytes", freed));
        }
        return 0;
    }
}
