package io.hfhub.cli;

import io.hfhub.FileRequest;
import io.hfhub.HfHub;
import io.hfhub.RepoType;
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
        description = "Download files of a repository into the cache and print their local paths, one per line.",
        footer = {"", "Examples:",
                "  hfhub download openai-community/gpt2 config.json",
                "  hfhub download acme/archives data.tar.gz --repo-type dataset --extract",
                "  hfhub download org/model model.safetensors --revision refs/pr/1 --limit-rate 10M"})
final class DownloadCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPO_ID", description = "Repository id, e.g. org/name.")
    String repoId;

    @Parameters(index = "1..*", paramLabel = "FILENAME", description = "Files to download (paths in the repository).")
    List<String> filenames = new ArrayList<>();

    @Option(names = "--repo-type", paramLabel = "TYPE", description = "model (default), dataset or space.")
    String repoType = "model";

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

    @Mixin
    HubOptions hubOptions;

    @Override
    public Integer call() {
        RepoType type = RepoType.parse(repoType);
        if (filenames.isEmpty()) {
            throw new IllegalArgumentException("give at least one FILENAME (whole-repository download is not available yet)");
        }
        try (HfHub hub = hubOptions.builder().build();
                ProgressRenderer progress = ProgressRenderer.forEnvironment(quiet, System.err)) {
            for (String filename : filenames) {
                Path path = hub.download(FileRequest.builder(repoId, filename).repoType(type).revision(revision)
                        .subfolder(subfolder).extract(extract).forceDownload(force).progress(progress).build());
                System.out.println(path);
                System.out.flush();
            }
        }
        return 0;
    }
}
