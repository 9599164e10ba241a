package io.hfhub.cli;

import io.hfhub.RepoId;
import io.hfhub.RepoType;
import io.hfhub.cache.CacheDeleter;
import io.hfhub.cache.CacheInfo;
import io.hfhub.cache.CacheScanner;
import io.hfhub.cache.CachedRepo;
import io.hfhub.cache.DeletePlan;
import java.io.Console;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hfhub cache delete}: removes a cached repository or some of its revisions, after confirmation. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete a cached repository, or some of its revisions.",
                "Blobs still used by a revision that is kept are not deleted."},
        footer = {"", "Examples:",
                "  hfhub cache delete acme/tiny-model",
                "  hfhub cache delete acme/tiny-model --revision refs/pr/1 --revision 0123abcd...",
                "  hfhub cache delete acme/corpus --repo-type dataset --dry-run",
                "  hfhub cache delete acme/tiny-model --yes"})
final class CacheDeleteCommand extends ErrorReportingCommand {
    @Mixin
    CacheDirOption cache;

    @Parameters(index = "0", paramLabel = "REPO_ID", description = "The repository, e.g. acme/tiny-model.")
    String repoId;

    @Option(names = "--repo-type", paramLabel = "TYPE", converter = RepoTypeConverter.class,
            description = "model (default), dataset or space.")
    RepoType repoType = RepoType.MODEL;

    @Option(names = "--revision", paramLabel = "REV",
            description = "A commit hash or a ref name (main, refs/pr/1) to delete; repeatable."
                    + " Without it the whole repository is deleted.")
    List<String> revisions = new ArrayList<>();

    @Option(names = {"-y", "--yes"}, description = "Delete without asking.")
    boolean yes;

    @Option(names = "--dry-run", description = "Show what would be deleted and delete nothing.")
    boolean dryRun;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors.")
    boolean quiet;

    @Override
    protected int execute() {
        RepoId id = RepoId.of(repoId);
        CacheInfo info = CacheScanner.scan(cache.cacheDir());
        CachedRepo repo = info.repo(repoType, id.value()).orElse(null);
        if (repo == null) {
            return fail(repoType.id() + " " + id + " is not in the cache " + info.cacheDir()
                    + " (run `hfhub cache scan` to list cached repositories; use --repo-type for datasets and spaces)");
        }
        DeletePlan plan = CacheDeleter.deleteFromRepo(repo, revisions);
        if (!plan.warnings().isEmpty()) {
            // Deleting the other revisions while one was mistyped would surprise: do nothing instead.
            return fail(String.join("; ", plan.warnings()) + " (cached: " + cachedRevisions(repo) + ")");
        }
        if (!quiet) {
            printPlan(plan);
        }
        if (dryRun) {
            say("Dry run: nothing deleted.");
            return 0;
        }
        if (!yes) {
            Console console = System.console();
            if (console == null) {
                return fail("not deleting without confirmation: stdin is not a terminal; pass --yes to delete");
            }
            String answer = console.readLine("Delete? [y/N] ");
            if (answer == null || !Set.of("y", "yes").contains(answer.trim().toLowerCase(Locale.ROOT))) {
                return fail("aborted, nothing deleted");
            }
        }
        DeletePlan.Outcome outcome = plan.run();
        // blobs a download linked or locked since the scan are kept on purpose: a note, not a failure
        outcome.kept().forEach(k -> err().println("hfhub: kept " + k));
        outcome.failures().forEach(f -> err().println("hfhub: could not delete " + f));
        if (!outcome.failures().isEmpty()) {
            return fail("some files could not be deleted (check their permissions, then run the command again)");
        }
        say("Freed " + (outcome.kept().isEmpty() ? "" : "up to ") + HumanFormat.size(plan.expectedFreedSize()) + ".");
        return 0;
    }

    private void printPlan(DeletePlan plan) {
        out().println("Will delete:");
        list("repository", plan.repos());
        list("snapshot", plan.snapshots());
        list("ref", plan.refs());
        list("blob", plan.blobs());
        out().println("Will free " + HumanFormat.size(plan.expectedFreedSize()) + ".");
        out().flush();
    }

    private void list(String kind, Set<Path> paths) {
        paths.forEach(p -> out().printf("  %-10s %s%n", kind, p));
    }

    private void say(String line) {
        if (!quiet) {
            out().println(line);
            out().flush();
        }
    }

    private static String cachedRevisions(CachedRepo repo) {
        List<String> names = new ArrayList<>(repo.refs().keySet());
        repo.revisions().forEach(r -> names.add(r.commitHash()));
        return String.join(", ", names);
    }
}
