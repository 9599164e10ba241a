package io.hfhub.cli;

import io.hfhub.FileRequest;
import io.hfhub.HfHub;
import io.hfhub.RepoType;
import io.hfhub.SnapshotRequest;
import io.hfhub.snapshot.DryRunEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hfhub download REPO_ID [FILENAME...]}: prints the local path of each file, one per line; the last line
 * is the path of the last file (scripts rely on it).
 */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Download files of a repository into the cache and print their local paths, one per line.",
                "With no FILENAME, download the whole revision and print the snapshot folder."},
        footer = {"", "Examples:",
                "  hfhub download openai-community/gpt2 config.json",
                "  hfhub download openai-community/gpt2 --include '*.json' --exclude 'onnx/'",
                "  hfhub download acme/tiny --local-dir ./tiny",
                "  hfhub download acme/archives data.tar.gz --repo-type dataset --extract",
                "  hfhub download org/model model.safetensors --revision refs/pr/1 --limit-rate 10M"})
final class DownloadCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPO_ID", description = "Repository id, e.g. org/name.")
    String repoId;

    @Parameters(index = "1..*", paramLabel = "FILENAME", description = "Files to download (paths in the repository).")
    List<String> filenames = new ArrayList<>();

    @Option(names = "--repo-type", paramLabel = "TYPE", converter = RepoTypeConverter.class,
            description = "model (default), dataset or space.")
    RepoType repoType = RepoType.MODEL;

    @Option(names = "--revision", paramLabel = "REV", description = "Branch, tag, commit or PR ref such as refs/pr/1 (default: main).")
    String revision = "main";

    @Option(names = "--subfolder", paramLabel = "DIR", description = "Folder of the repository the file names are in.")
    String subfolder;

    @Option(names = "--extract", description = "Extract archives into the cache and print the extraction folder instead of the file.")
    boolean extract;

    @Option(names = "--force-download", description = "Download again even if the file is cached.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Option(names = "--include", paramLabel = "GLOB", description = "Whole-repo download: only files matching this pattern (repeatable; fnmatch, a trailing / means the folder).")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Whole-repo download: skip files matching this pattern (repeatable).")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--max-workers", paramLabel = "N", description = "Whole-repo download: files fetched at once (default: ${DEFAULT-VALUE}).")
    int maxWorkers = 8;

    @Option(names = "--dry-run", description = "Whole-repo download: list what would be fetched, with sizes, and fetch nothing.")
    boolean dryRun;

    @Option(names = "--local-dir", paramLabel = "DIR", converter = FolderConverter.class, description = "Put real files in DIR (no symlinks), with the Python client's metadata, and print their paths there.")
    Path localDir;

    @Mixin
    HubOptions hubOptions;

    @Override
    public Integer call() {
        RepoType type = repoType;
        if (!filenames.isEmpty() && (!include.isEmpty() || !exclude.isEmpty() || dryRun)) {
            throw new IllegalArgumentException("--include, --exclude and --dry-run apply to a whole-repository download: give no FILENAME");
        }
        try (HfHub hub = hubOptions.builder().build();
                ProgressRenderer progress = ProgressRenderer.forEnvironment(quiet, System.err)) {
            if (filenames.isEmpty()) {
                return snapshot(hub, type, progress);
            }
            for (String filename : filenames) {
                Path path = hub.download(FileRequest.builder(repoId, filename).repoType(type).revision(revision)
                        .subfolder(subfolder).extract(extract).forceDownload(force).localDir(localDir)
                        .progress(progress).build());
                System.out.println(path);
                System.out.flush();
            }
        }
        return 0;
    }

    /** The whole revision: prints the snapshot (or local) folder as the last line, or the dry-run table. */
    private int snapshot(HfHub hub, RepoType type, ProgressRenderer perFile) {
        SnapshotRequest.Builder request = SnapshotRequest.builder(repoId).repoType(type).revision(revision)
                .allowPatterns(include).ignorePatterns(exclude).maxWorkers(maxWorkers).localDir(localDir)
                .forceDownload(force);
        if (dryRun) {
            return dryRun(hub, request.build());
        }
        Path folder;
        try (SnapshotProgress bar = perFile.mode() == ProgressRenderer.Mode.BARS ? new SnapshotProgress(System.err) : null) {
            folder = hub.snapshot(request.progress(bar != null ? bar : perFile).build());
        }
        System.out.println(folder); // after the bar is gone: the last line of stdout is the folder
        return 0;
    }

    /** Lists what a whole-repo download would fetch, with sizes; fetches nothing. */
    private int dryRun(HfHub hub, SnapshotRequest request) {
        List<DryRunEntry> entries = hub.snapshotDryRun(request);
        long total = 0;
        long toFetch = 0;
        int count = 0;
        for (DryRunEntry e : entries) {
            System.out.printf("%-8s %10s  %s%n", e.willDownload() ? "fetch" : "cached", HumanFormat.size(e.size()), e.path());
            total += e.size();
            if (e.willDownload()) {
                toFetch += e.size();
                count++;
            }
        }
        System.out.printf("%d file(s), %s; would fetch %d file(s), %s%n", entries.size(), HumanFormat.size(total), count,
                HumanFormat.size(toFetch));
        return 0;
    }
}
