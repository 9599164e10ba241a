package io.hfhub.cli;

import io.hfhub.RepoId;
import io.hfhub.RepoType;
import io.hfhub.cache.CacheDeleter;
import io.hfhub.cache.CacheInfo;
import io.hfhub.cache.CacheScanner;
import io.hfhub.cache.CachedRepo;
import io.hfhub.cache.CachedRevision;
import io.hfhub.cache.DeletePlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code hfhub cache rm} (also {@code delete}): removes cached repositories and revisions, named as
 * {@code hf cache rm} takes them, after confirmation. Unlike {@code hf}, a target that is not in the cache
 * deletes nothing at all: removing the others while one was mistyped would surprise.
 */
final class CacheRmCommand extends ErrorReportingCommand {
    static final CommandSpec SPEC = CommandSpec.command("rm", CacheRmCommand::new, "delete")
            .describe("Delete cached repositories or revisions.",
                    "Blobs still used by a revision that is kept are not deleted.")
            .options(CacheDirOption.OPTIONS)
            .options(OutputFormat.OPTIONS)
            .parameters("TARGET", 1, "Repositories or revision hashes to delete.")
            .option("--repo-type, --type", "TYPE",
                    "Type of the repo ids given without one: model (default), dataset or space.")
            .repeatable("--revision", "REV",
                    "With one repository: only this commit hash or ref name (main, refs/pr/1); repeatable.")
            .flag("-y, --yes", "Delete without asking.")
            .flag("--dry-run", "Show what would be deleted and delete nothing.")
            .flag("-q, --quiet", "Print nothing but errors.")
            .footer("TARGET is a repo id (acme/tiny, model/acme/tiny, dataset/acme/corpus, datasets/acme/corpus,"
                            + " hf://datasets/acme/corpus) or a 40-hex revision hash.",
                    "", "Examples:",
                    "  hfhub cache rm model/acme/tiny-model",
                    "  hfhub cache rm dataset/acme/corpus 0123456789abcdef0123456789abcdef01234567 --dry-run",
                    "  hfhub cache rm acme/tiny-model --revision refs/pr/1 --revision 0123abcd...",
                    "  hfhub cache rm acme/tiny-model --yes --format json");

    private final CacheDirOption cache;
    private final OutputFormat output;
    private final List<String> targets;
    private final RepoType repoType;
    private final List<String> revisions;
    private final boolean yes;
    private final boolean dryRun;
    private final boolean quiet;

    CacheRmCommand(Arguments args) {
        cache = new CacheDirOption(args);
        output = new OutputFormat(args);
        targets = args.parameters();
        repoType = args.value("--repo-type", RepoType::parse, null);
        revisions = args.values("--revision", RevisionConverter::convert);
        yes = args.has("--yes");
        dryRun = args.has("--dry-run");
        quiet = args.has("--quiet");
    }

    @Override
    protected int execute() {
        CacheInfo info = CacheScanner.scan(cache.cacheDir());
        Map<CachedRepo, List<String>> selected = new LinkedHashMap<>(); // an empty list: the whole repository
        List<String> missing = new ArrayList<>();
        for (String target : new LinkedHashSet<>(targets)) {
            select(info, target.trim(), selected, missing);
        }
        if (!revisions.isEmpty()) {
            if (selected.size() != 1 || targets.size() != 1) {
                return fail("--revision applies to one repository: give exactly one repo id with it");
            }
            selected.replaceAll((repo, all) -> revisions);
        }
        if (!missing.isEmpty()) {
            return fail("not in the cache " + info.cacheDir() + ": " + String.join(", ", missing)
                    + "; nothing deleted (run `hfhub cache ls` to list cached repositories; add dataset/ or space/"
                    + " before an id of those types)");
        }
        List<DeletePlan> plans = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        selected.forEach((repo, revs) -> {
            DeletePlan plan = CacheDeleter.deleteFromRepo(repo, revs);
            plans.add(plan);
            warnings.addAll(plan.warnings());
        });
        if (!warnings.isEmpty()) {
            return fail(String.join("; ", warnings) + "; nothing deleted (cached: " + cachedRevisions(selected) + ")");
        }
        DeletePlan plan = merge(plans);
        int repoCount = (int) selected.values().stream().filter(List::isEmpty).count();
        int revisionCount = revisionCount(selected);
        CacheChanges changes = new CacheChanges(this, output, quiet);
        changes.about("About to delete " + repoCount + " repo(s) and " + revisionCount + " revision(s) totalling "
                + HumanFormat.size(plan.expectedFreedSize()) + ".");
        changes.list(plan);
        if (dryRun) {
            changes.result("Dry run: nothing deleted.", OutputFormat.object("dry_run", true, "repos", repoCount,
                    "revisions", revisionCount, "size", HumanFormat.size(plan.expectedFreedSize()),
                    "size_on_disk", plan.expectedFreedSize()));
            return 0;
        }
        if (!yes && !changes.confirm("Delete?")) {
            return 1;
        }
        if (!changes.run(plan)) {
            return 1;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("repos_deleted", repoCount);
        json.put("revisions_deleted", revisionCount);
        json.put("freed", HumanFormat.size(plan.expectedFreedSize()));
        json.put("freed_bytes", plan.expectedFreedSize());
        changes.result("Deleted " + repoCount + " repo(s) and " + revisionCount + " revision(s); freed "
                + HumanFormat.size(plan.expectedFreedSize()) + ".", json);
        return 0;
    }

    /** Resolves one target: a revision hash anywhere in the cache, else a repository in one of hf's forms. */
    private void select(CacheInfo info, String target, Map<CachedRepo, List<String>> selected, List<String> missing) {
        if (target.matches("(?i)[0-9a-f]{40}")) {
            String hash = target.toLowerCase(Locale.ROOT);
            for (CachedRepo repo : info.repos()) {
                if (repo.revisions().stream().anyMatch(r -> r.commitHash().equals(hash))) {
                    List<String> revs = selected.computeIfAbsent(repo, r -> new ArrayList<>(List.of(hash)));
                    if (!revs.isEmpty() && !revs.contains(hash)) {
                        revs.add(hash);
                    }
                    return;
                }
            }
            missing.add(target);
            return;
        }
        RepoArg arg = RepoArg.parse(target, true);
        if (arg.revision() != null || arg.path() != null) {
            throw new IllegalArgumentException("'" + target + "': give a repository or a revision hash, not a path");
        }
        RepoType type = arg.type(repoType);
        String id = RepoId.of(arg.id()).value();
        CachedRepo repo = info.repo(type, id).orElse(null);
        if (repo == null) {
            missing.add(type.id() + "/" + id);
        } else {
            selected.put(repo, new ArrayList<>()); // the whole repository wins over some of its revisions
        }
    }

    private static int revisionCount(Map<CachedRepo, List<String>> selected) {
        int count = 0;
        for (Map.Entry<CachedRepo, List<String>> e : selected.entrySet()) {
            Set<String> commits = new HashSet<>();
            if (e.getValue().isEmpty()) {
                e.getKey().revisions().forEach(r -> commits.add(r.commitHash()));
            }
            e.getValue().forEach(rev -> e.getKey().revision(rev).ifPresent(r -> commits.add(r.commitHash())));
            count += commits.size();
        }
        return count;
    }

    /** Plans of distinct repositories touch disjoint folders: their union is one plan. */
    static DeletePlan merge(List<DeletePlan> plans) {
        Set<Path> repos = new HashSet<>();
        Set<Path> snapshots = new HashSet<>();
        Set<Path> refs = new HashSet<>();
        Set<Path> blobs = new HashSet<>();
        long freed = 0;
        List<String> warnings = new ArrayList<>();
        for (DeletePlan p : plans) {
            repos.addAll(p.repos());
            snapshots.addAll(p.snapshots());
            refs.addAll(p.refs());
            blobs.addAll(p.blobs());
            freed += p.expectedFreedSize();
            warnings.addAll(p.warnings());
        }
        return new DeletePlan(repos, snapshots, refs, blobs, freed, warnings);
    }

    private static String cachedRevisions(Map<CachedRepo, List<String>> selected) {
        List<String> names = new ArrayList<>();
        for (CachedRepo repo : selected.keySet()) {
            names.addAll(repo.refs().keySet());
            repo.revisions().forEach(r -> names.add(r.commitHash()));
        }
        return String.join(", ", names);
    }
}
