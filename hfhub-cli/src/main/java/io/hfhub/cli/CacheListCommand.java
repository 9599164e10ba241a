package io.hfhub.cli;

import io.hfhub.cache.CacheInfo;
import io.hfhub.cache.CacheScanner;
import io.hfhub.cache.CacheWarning;
import io.hfhub.cache.CachedRepo;
import io.hfhub.cache.CachedRevision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code hfhub cache ls} (also {@code list}, and {@code scan} as before): the cached repositories or revisions,
 * filtered, sorted and limited as {@code hf cache ls} does, as a table, JSON (hf's keys plus exact ones) or ids.
 */
final class CacheListCommand extends ErrorReportingCommand {
    static final CommandSpec SPEC = CommandSpec.command("ls", CacheListCommand::new, "list", "scan")
            .describe("List the cached repositories (or revisions) with their size, last use and refs.")
            .options(CacheDirOption.OPTIONS)
            .options(OutputFormat.OPTIONS)
            .flag("--revisions", "One row per cached revision instead of per repository.")
            .repeatable("-f, --filter", "EXPR",
                    "Keep only entries passing this filter (repeatable), e.g. 'size>1GB', 'accessed>7d'.")
            .option("--sort", "KEY[:ORDER]", "Sort by name, size, accessed or modified.")
            .option("--limit", "N", "Show only the first N entries (after sorting).")
            .flag("--show-warnings", "Show each cache inconsistency instead of their count.")
            .footer("Filters: size>1GB, size<=500MB, accessed>7d, modified<12h, type=dataset, refs=main"
                            + " (repeatable: all must pass).",
                    "Sort keys: name (ascending), size, accessed, modified (newest or biggest first); append :asc or"
                            + " :desc.",
                    "", "Examples:",
                    "  hfhub cache ls",
                    "  hfhub cache ls --revisions",
                    "  hfhub cache ls --filter 'size>1GB' --sort size --limit 20",
                    "  hfhub cache ls --format json | jq '.[].id'");

    private static final Pattern SORT = Pattern.compile("(accessed|modified|name|size)(?::(asc|desc))?");

    private final CacheDirOption cache;
    private final OutputFormat output;
    private final boolean revisions;
    private final List<CacheFilter> filters;
    private final Comparator<Entry> order;
    private final Integer limit;
    private final boolean showWarnings;

    CacheListCommand(Arguments args) {
        cache = new CacheDirOption(args);
        output = new OutputFormat(args);
        revisions = args.has("--revisions");
        filters = args.values("--filter", CacheFilter::convert);
        order = comparator(args.value("--sort"));
        limit = args.value("--limit", Arguments::integer, null);
        if (limit != null && limit < 0) {
            throw new UsageException("--limit must not be negative: " + limit);
        }
        showWarnings = args.has("--show-warnings");
    }

    /** One row: a repository, or one of its revisions with {@code --revisions}. */
    private record Entry(CachedRepo repo, CachedRevision revision) {
        String cacheId() {
            return repo.repoType().id() + "/" + repo.repoId();
        }
    }

    @Override
    protected int execute() {
        CacheInfo info = CacheScanner.scan(cache.cacheDir());
        Instant now = Instant.now();
        List<Entry> entries = new ArrayList<>();
        for (CachedRepo repo : info.repos()) {
            if (revisions) {
                repo.revisions().forEach(r -> entries.add(new Entry(repo, r)));
            } else {
                entries.add(new Entry(repo, null));
            }
        }
        entries.sort(Comparator.comparing((Entry e) -> e.cacheId().toLowerCase(Locale.ROOT))
                .thenComparing(e -> e.revision() == null ? "" : e.revision().commitHash()));
        entries.removeIf(e -> !filters.stream().allMatch(f -> f.test(e.repo(), e.revision(), now)));
        if (order != null) {
            entries.sort(order);
        }
        List<Entry> shown = limit != null && limit < entries.size() ? entries.subList(0, limit) : entries;
        switch (output.kind()) {
            case JSON -> OutputFormat.print(out(), shown.stream().map(e -> json(e, now)).toList());
            case QUIET -> shown.forEach(e -> out().println(revisions ? e.revision().commitHash() : e.cacheId()));
            default -> human(shown, now);
        }
        out().flush();
        notes(info);
        return 0;
    }

    private static Comparator<Entry> comparator(String sort) {
        if (sort == null) {
            return null;
        }
        Matcher m = SORT.matcher(sort.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException("--sort '" + sort
                    + "' is not a sort key: use name, size, accessed or modified, optionally with :asc or :desc");
        }
        String key = m.group(1);
        boolean descending = m.group(2) != null ? m.group(2).equals("desc") : !key.equals("name");
        Comparator<Entry> c = switch (key) {
            case "name" -> Comparator.comparing((Entry e) -> e.cacheId().toLowerCase(Locale.ROOT));
            case "size" -> Comparator.comparingLong((Entry e) -> e.revision() != null ? e.revision().sizeOnDisk()
                    : e.repo().sizeOnDisk());
            case "accessed" -> Comparator.comparing((Entry e) -> e.repo().lastAccessed());
            default -> Comparator.comparing((Entry e) -> e.revision() != null ? e.revision().lastModified()
                    : e.repo().lastModified());
        };
        return descending ? c.reversed() : c;
    }

    /**
     * The JSON of one entry: {@code hf cache ls}'s keys ({@code id}, {@code repo_id}, {@code repo_type},
     * {@code size} and the ages as hf words them, {@code refs}; with revisions {@code revision} and
     * {@code snapshot_path}), then exact values: {@code size_on_disk} in bytes, ISO-8601 times, files, path.
     */
    private Map<String, Object> json(Entry e, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        CachedRepo repo = e.repo();
        CachedRevision revision = e.revision();
        json.put("id", e.cacheId());
        json.put("repo_id", repo.repoId());
        json.put("repo_type", repo.repoType().id());
        if (revision != null) {
            json.put("revision", revision.commitHash());
            json.put("snapshot_path", revision.snapshotPath().toString());
        }
        long size = revision != null ? revision.sizeOnDisk() : repo.sizeOnDisk();
        json.put("size", HumanFormat.size(size));
        if (revision == null) {
            json.put("last_accessed", HumanFormat.timeSince(repo.lastAccessed(), now));
        }
        Instant modified = revision != null ? revision.lastModified() : repo.lastModified();
        json.put("last_modified", HumanFormat.timeSince(modified, now));
        json.put("refs", List.copyOf(revision != null ? revision.refs() : repo.refs().keySet()));
        json.put("size_on_disk", size);
        json.put("nb_files", revision != null ? revision.nbFiles() : repo.nbFiles());
        if (revision == null) {
            json.put("last_accessed_at", repo.lastAccessed().toString());
            json.put("repo_path", repo.repoPath().toString());
        }
        json.put("last_modified_at", modified.toString());
        return json;
    }

    private void human(List<Entry> entries, Instant now) {
        if (entries.isEmpty()) {
            out().println("No results found.");
            return;
        }
        TextTable table = revisions ? new TextTable("ID", "REVISION", "SIZE", "LAST_MODIFIED", "REFS")
                : new TextTable("ID", "SIZE", "LAST_ACCESSED", "LAST_MODIFIED", "REFS");
        Set<CachedRepo> repos = new LinkedHashSet<>();
        long total = 0;
        for (Entry e : entries) {
            repos.add(e.repo());
            if (revisions) {
                CachedRevision r = e.revision();
                total += r.sizeOnDisk();
                table.row(e.cacheId(), r.commitHash(), HumanFormat.size(r.sizeOnDisk()),
                        HumanFormat.timeSince(r.lastModified(), now), String.join(", ", r.refs()));
            } else {
                CachedRepo r = e.repo();
                total += r.sizeOnDisk();
                table.row(e.cacheId(), HumanFormat.size(r.sizeOnDisk()), HumanFormat.timeSince(r.lastAccessed(), now),
                        HumanFormat.timeSince(r.lastModified(), now), String.join(", ", r.refs().keySet()));
            }
        }
        out().print(table.render());
        int revisionCount = revisions ? entries.size() : repos.stream().mapToInt(r -> r.revisions().size()).sum();
        out().printf("%nFound %d repo(s) for a total of %d revision(s) and %s on disk.%n", repos.size(), revisionCount,
                HumanFormat.size(total));
    }

    /** Warnings and hints go to stderr in every format but quiet, so stdout stays parseable. */
    private void notes(CacheInfo info) {
        if (output.isQuiet()) {
            return;
        }
        if (!info.warnings().isEmpty()) {
            if (showWarnings) {
                for (CacheWarning warning : info.warnings()) {
                    err().println("Warning: " + Terminal.printable(warning.message()) + " Repo ignored.");
                }
            } else {
                err().printf("Warning: found %d cache inconsistencies; run again with --show-warnings to see them.%n",
                        info.warnings().size());
            }
        }
        if (!info.incompleteFiles().isEmpty()) {
            err().printf("Hint: %d incomplete download(s) hold %s; `hfhub cache prune` removes abandoned ones.%n",
                    info.incompleteFiles().size(), HumanFormat.size(info.incompleteSizeOnDisk()));
        }
        err().flush();
    }
}
