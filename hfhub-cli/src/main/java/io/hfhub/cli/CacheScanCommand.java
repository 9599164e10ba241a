package io.hfhub.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hfhub.cache.CacheInfo;
import io.hfhub.cache.CacheScanner;
import io.hfhub.cache.CacheWarning;
import io.hfhub.cache.CachedRepo;
import io.hfhub.cache.CachedRevision;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hfhub cache scan}: what the cache holds, as a table like {@code hf cache scan} or as JSON. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "List the cached repositories with their size, files, refs and last use.",
        footer = {"", "Examples:",
                "  hfhub cache scan",
                "  hfhub cache scan --revisions",
                "  hfhub cache scan --json --cache-dir /data/hf/hub | jq '.repos[].repoId'"})
final class CacheScanCommand extends ErrorReportingCommand {
    @Mixin
    CacheDirOption cache;

    @Option(names = "--json", description = "Print one JSON document instead of the table.")
    boolean json;

    @Option(names = "--revisions", description = "One row per cached revision instead of per repository.")
    boolean revisions;

    @Override
    protected int execute() throws Exception {
        long started = System.nanoTime();
        CacheInfo info = CacheScanner.scan(cache.cacheDir());
        if (json) {
            out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(ScanJson.of(info, revisions)));
        } else {
            out().print(revisions ? revisionTable(info) : repoTable(info));
            out().printf("%nDone in %.1fs. Scanned %d repo(s) for a total of %s.%n",
                    (System.nanoTime() - started) / 1e9, info.repos().size(), HumanFormat.size(info.sizeOnDisk()));
            if (!info.incompleteFiles().isEmpty()) {
                out().printf("%d incomplete download(s) hold %s; `hfhub cache prune` removes abandoned ones.%n",
                        info.incompleteFiles().size(), HumanFormat.size(info.incompleteSizeOnDisk()));
            }
        }
        out().flush();
        printWarnings(info);
        return 0;
    }

    private static String repoTable(CacheInfo info) {
        Instant now = Instant.now();
        TextTable table = new TextTable("REPO ID", "REPO TYPE", "SIZE ON DISK", "NB FILES", "LAST ACCESSED",
                "LAST MODIFIED", "REFS", "LOCAL PATH");
        for (CachedRepo repo : info.repos()) {
            table.row(repo.repoId(), repo.repoType().id(), HumanFormat.size(repo.sizeOnDisk()),
                    Integer.toString(repo.nbFiles()), HumanFormat.timeSince(repo.lastAccessed(), now),
                    HumanFormat.timeSince(repo.lastModified(), now), String.join(", ", repo.refs().keySet()),
                    repo.repoPath().toString());
        }
        return table.render();
    }

    private static String revisionTable(CacheInfo info) {
        Instant now = Instant.now();
        TextTable table = new TextTable("REPO ID", "REPO TYPE", "REVISION", "SIZE ON DISK", "NB FILES",
                "LAST MODIFIED", "REFS", "LOCAL PATH");
        for (CachedRepo repo : info.repos()) {
            for (CachedRevision revision : repo.revisions()) {
                table.row(repo.repoId(), repo.repoType().id(), revision.commitHash(),
                        HumanFormat.size(revision.sizeOnDisk()), Integer.toString(revision.nbFiles()),
                        HumanFormat.timeSince(revision.lastModified(), now), String.join(", ", revision.refs()),
                        revision.snapshotPath().toString());
            }
        }
        return table.render();
    }

    private void printWarnings(CacheInfo info) {
        if (info.warnings().isEmpty()) {
            return;
        }
        err().printf("Got %d warning(s) while scanning (these folders were skipped):%n", info.warnings().size());
        for (CacheWarning warning : info.warnings()) {
            err().println("  " + warning.message());
        }
        err().flush();
    }
}
