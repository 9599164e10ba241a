package io.hfhub.cli;

import io.hfhub.DryRunEntry;
import io.hfhub.FileRequest;
import io.hfhub.HfHub;
import io.hfhub.RepoType;
import io.hfhub.SnapshotRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code hfhub download REPO_ID [FILENAME...]}: prints the local path of each file, one per line; the last line
 * is the path of the last file (scripts rely on it). {@code --format json} prints one document instead.
 */
final class DownloadCommand extends ErrorReportingCommand {
    static final CommandSpec SPEC = CommandSpec.command("download", DownloadCommand::new)
            .describe("Download files of a repository into the cache and print their local paths, one per line.",
                    "With no FILENAME, download the whole revision and print the snapshot folder.")
            .parameter("REPO_ID", "Repository: org/name, datasets/org/name or an hf:// URI.")
            .parameters("FILENAME", 0, "Files to download (paths in the repository).")
            .option("--repo-type, --type", "TYPE", "model (default), dataset or space.")
            .option("--revision", "REV", "Branch, tag, commit or PR ref such as refs/pr/1 (default: main).")
            .option("--subfolder", "DIR", "Folder of the repository the file names are in.")
            .flag("--extract", "Extract archives into the cache and print the extraction folder instead of the file.")
            .flag("--force-download", "Download again even if the file is cached.")
            .flag("-q, --quiet", "No progress output.")
            .repeatable("--include", "GLOB", "Whole-repo download: only files matching this pattern (repeatable;"
                    + " fnmatch, a trailing / means the folder).")
            .repeatable("--exclude", "GLOB", "Whole-repo download: skip files matching this pattern (repeatable).")
            .option("--max-workers", "N", "Whole-repo download: files fetched at once (default: 8).")
            .flag("--dry-run", "Whole-repo download: list what would be fetched, with sizes, and fetch nothing.")
            .option("--local-dir", "DIR", "Put real files in DIR (no symlinks), with the Python client's metadata,"
                    + " and print their paths there.")
            .options(HubOptions.OPTIONS)
            .options(OutputFormat.OPTIONS)
            .options(ExtractLimitOptions.OPTIONS)
            .footer("REPO_ID is org/name, datasets/org/name or hf://[models|datasets|spaces/]org/name[@REV][/PATH].",
                    "A FILENAME ending in / downloads that folder.",
                    "", "Examples:",
                    "  hfhub download openai-community/gpt2 config.json",
                    "  hfhub download openai-community/gpt2 --include '*.json' --exclude 'onnx/'",
                    "  hfhub download hf://datasets/acme/corpus@v1/data/train.csv",
                    "  hfhub download acme/tiny --local-dir ./tiny",
                    "  hfhub download acme/archives data.tar.gz --type dataset --extract",
                    "  hfhub download org/model model.safetensors --revision refs/pr/1 --limit-rate 10M --json");

    private final String repoId;
    private final List<String> filenames;
    private final RepoType repoType;
    private final String revision;
    private final String subfolder;
    private final boolean extract;
    private final boolean force;
    private final boolean quiet;
    private final List<String> include;
    private final List<String> exclude;
    private final int maxWorkers;
    private final boolean dryRun;
    private final Path localDir;
    private final HubOptions hubOptions;
    private final OutputFormat output;
    private final ExtractLimitOptions extractLimits;

    DownloadCommand(Arguments args) {
        repoId = args.parameter(0);
        filenames = args.parametersFrom(1);
        repoType = args.value("--repo-type", RepoType::parse, null);
        revision = args.value("--revision", RevisionConverter::convert, null);
        subfolder = args.value("--subfolder");
        extract = args.has("--extract");
        force = args.has("--force-download");
        quiet = args.has("--quiet");
        include = args.values("--include");
        exclude = args.values("--exclude");
        maxWorkers = args.value("--max-workers", Arguments::integer, 8);
        dryRun = args.has("--dry-run");
        localDir = args.value("--local-dir", FolderConverter::convert, null);
        hubOptions = new HubOptions(args);
        output = new OutputFormat(args);
        extractLimits = new ExtractLimitOptions(args);
    }

    @Override
    protected int execute() {
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
}
