package io.hfhub.cli;

import io.hfhub.DryRunEntry;
import io.hfhub.FileRequest;
import io.hfhub.HfHub;
import io.hfhub.RepoType;
import io.hfhub.SnapshotRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hfhub download REPO_ID [FILENAME...]}: prints the local path of each file, one per line; the last line
 * is the path of the last file (scripts rely on it). {@code --format json} prints one document instead.
 */
@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Download files of a repository into the cache and print their local paths, one per line.",
                "With no FILENAME, download the whole revision and print the snapshot folder."},
        footer = {"", "REPO_ID is org/name, datasets/org/name or hf://[models|datasets|spaces/]org/name[@REV][/PATH].",
                "A FILENAME ending in / downloads that folder.",
                "", "Examples:",
                "  hfhub download openai-community/gpt2 config.json",
                "  hfhub download openai-community/gpt2 --include '*.json' --exclude 'onnx/'",
                "  hfhub download hf://datasets/acme/corpus@v1/data/train.csv",
                "  hfhub download acme/tiny --local-dir ./tiny",
                "  hfhub download acme/archives data.tar.gz --type dataset --extract",
                "  hfhub download org/model model.safetensors --revision refs/pr/1 --limit-rate 10M --json"})
final class DownloadCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REPO_ID", description = "Repository: org/name, datasets/org/name or an hf:// URI.")
    String repoId;

    @Parameters(index = "1..*", paramLabel = "FILENAME", description = "Files to download (paths in the repository).")
    List<String> filenames = new ArrayList<>();

    @Option(names = {"--repo-type", "--type"}, paramLabel = "TYPE", converter = RepoTypeConverter.class,
            description = "model (default), dataset or space.")
    RepoType repoType;

    @Option(names = "--revision", paramLabel = "REV", converter = RevisionConverter.class, description = "Branch, tag, commit or PR ref such as refs/pr/1 (default: main).")
    String revision;

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

    @Mixin
    OutputFormat output;

    @Mixin
    ExtractLimitOptions extractLimits;

    @Override
    public Integer call() {
        RepoArg repo = RepoArg.parse(repoId, false);
        RepoType type = repo.type(repoType);
        String rev = repo.revision(revision);
        List<String> files = new ArrayList<>(filenames);
        if (repo.path() != null) {
            files.add(0, repo.path());
        }
        List<String> folders = files.stream().filter(f -> f.endsWith("/")).toList();
        if (!folders.isEmpty()) {
            if (files.size() != folders.size() || !include.isEmpty()) {
                throw new IllegalArgumentException("a folder (" + folders.get(0) + ") cannot be mixed with file names or"
                        + " --include: use --include '" + folders.get(0) + "' alone");
            }
            include.addAll(folders);
            files.clear();
        }
        if (!files.isEmpty() && (!include.isEmpty() || !exclude.isEmpty() || dryRun)) {
            throw new IllegalArgumentException("--include, --exclude and --dry-run apply to a whole-repository download: give no FILENAME");
        }
        boolean silent = quiet || output.isQuiet();
        HfHub.Builder builder = hubOptions.builder();
        extractLimits.options().ifPresent(builder::extractOptions);
        try (HfHub hub = builder.build();
                ProgressView progress = ProgressView.forEnvironment(silent, output.isJson(), files.isEmpty(), System.err)) {
            if (files.isEmpty()) {
                return snapshot(hub, repo.id(), type, rev, progress);
            }
            List<String> paths = new ArrayList<>();
            for (String filename : files) {
                Path path = hub.download(FileRequest.builder(repo.id(), filename).repoType(type).revision(rev)
                        .subfolder(subfolder).extract(extract).forceDownload(force).localDir(localDir)
                        .progress(progress).build());
                paths.add(path.toString());
                if (!output.isJson()) {
                    out().println(path);
                    out().flush();
                }
            }
            if (output.isJson()) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("path", paths.get(paths.size() - 1));
                json.put("paths", paths);
                OutputFormat.print(out(), json);
            }
        }
        return 0;
    }

    /** The whole revision: prints the snapshot (or local) folder as the last line, or the dry-run table. */
    private int snapshot(HfHub hub, String id, RepoType type, String rev, ProgressView progress) {
        SnapshotRequest.Builder request = SnapshotRequest.builder(id).repoType(type).revision(rev)
                .allowPatterns(include).ignorePatterns(exclude).maxWorkers(maxWorkers).localDir(localDir)
                .forceDownload(force);
        if (dryRun) {
            return dryRun(hub, request.build());
        }
        Path folder = hub.snapshot(request.progress(progress).build());
        progress.close(); // the bar is gone before the answer: the last line of stdout is the folder
        if (output.isJson()) {
            OutputFormat.print(out(), Map.of("path", folder.toString()));
        } else {
            out().println(folder);
            out().flush();
        }
        return 0;
    }

    /** Lists what a whole-repo download would fetch, with sizes; fetches nothing. */
    private int dryRun(HfHub hub, SnapshotRequest request) {
        List<DryRunEntry> entries = hub.snapshotDryRun(request);
        if (output.isJson()) {
            List<Object> rows = new ArrayList<>();
            for (DryRunEntry e : entries) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("filename", e.path());
                row.put("file_size", e.size());
                row.put("will_download", e.willDownload());
                row.put("local_path", e.localPath() == null ? null : e.localPath().toString());
                rows.add(row);
            }
            OutputFormat.print(out(), rows);
            return 0;
        }
        long total = 0;
        long toFetch = 0;
        int count = 0;
        for (DryRunEntry e : entries) {
            if (output.isQuiet()) {
                out().println(e.path());
            } else {
                out().printf("%-8s %10s  %s%n", e.willDownload() ? "fetch" : "cached", HumanFormat.size(e.size()), e.path());
            }
            total += e.size();
            if (e.willDownload()) {
                toFetch += e.size();
                count++;
            }
        }
        if (output.isHuman()) {
            out().printf("%d file(s), %s; would fetch %d file(s), %s%n", entries.size(), HumanFormat.size(total), count,
                    HumanFormat.size(toFetch));
        }
        out().flush();
        return 0;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
