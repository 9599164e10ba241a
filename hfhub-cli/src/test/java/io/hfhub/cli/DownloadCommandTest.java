package io.hfhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.testkit.HubServerExtension;
import io.hfhub.testkit.RepoBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The scripted contract of {@code hfhub download}: paths on stdout, the last line last, one-line errors. */
class DownloadCommandTest {
    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path cache;

    private CliRun run(String... args) {
        String[] all = new String[args.length + 5];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--endpoint", hub.endpoint(), "--cache-dir", cache.toString(), "--quiet"}, 0, all,
                args.length, 5);
        return CliRun.of(all);
    }

    private static List<String> lines(String out) {
        return out.lines().toList();
    }

    @Test
    void printsOnePathPerFileTheLastLineBeingTheLastFile() throws IOException {
        RepoBuilder repo = hub.repo("acme/tiny").file("config.json", "{}").file("vocab.txt", "a b");
        CliRun result = run("download", "acme/tiny", "config.json", "vocab.txt");
        assertThat(result.exit()).isZero();
        List<String> lines = lines(result.out());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).endsWith("snapshots/" + repo.commit() + "/vocab.txt");
        assertThat(Files.readString(Path.of(lines.get(1)))).isEqualTo("a b");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void disableXetFetchesAXetBackedFileByPlainHttp() throws IOException {
        byte[] content = "weights".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
        hub.repo("acme/xet").xetFile("model.bin", content);
        CliRun result = run("download", "acme/xet", "model.bin", "--disable-xet");
        assertThat(result.exit()).isZero();
        assertThat(Files.readAllBytes(Path.of(lines(result.out()).get(0)))).isEqualTo(content);
        assertThat(hub.requests("cas")).isEmpty();
        assertThat(hub.requests("cdn")).allMatch(r -> r.rawPath().startsWith("/blobs/"));
    }

    @Test
    void revisionSubfolderAndRepoType() throws IOException {
        RepoBuilder repo = hub.repo("dataset", "acme/data").file("x/y.csv", "1");
        repo.revision("refs/pr/1").file("x/y.csv", "2");
        CliRun result = run("download", "acme/data", "y.csv", "--repo-type", "dataset", "--revision", "refs/pr/1",
                "--subfolder", "x");
        assertThat(result.exit()).isZero();
        assertThat(Files.readString(Path.of(lines(result.out()).get(0)))).isEqualTo("2");
    }

    @Test
    void noFilenameDownloadsTheWholeRevisionAndPrintsTheFolder() {
        RepoBuilder repo = hub.repo("acme/whole").file("a.json", "{}").file("b.txt", "b").lfsFile("w.bin", new byte[1000]);
        CliRun result = run("download", "acme/whole", "--include", "*.json", "--include", "*.bin");
        assertThat(result.exit()).isZero();
        Path folder = Path.of(lines(result.out()).get(lines(result.out()).size() - 1));
        assertThat(folder).endsWith(Path.of(repo.commit()));
        assertThat(folder.resolve("a.json")).exists();
        assertThat(folder.resolve("w.bin")).exists();
        assertThat(folder.resolve("b.txt")).doesNotExist();
    }

    @Test
    void dryRunListsAndFetchesNothing() {
        hub.repo("acme/dry").file("a.json", "{}").lfsFile("w.bin", new byte[2000]);
        CliRun result = run("download", "acme/dry", "--dry-run");
        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("fetch", "w.bin", "a.json", "would fetch 2 file(s)");
        assertThat(hub.requests()).noneMatch(r -> r.rawPath().contains("/resolve/"));
    }

    @Test
    void extractPrintsTheExtractionFolder() throws IOException {
        hub.repo("dataset", "acme/archives").lfsFile("images.tar.gz", tarGz("cat.txt", "meow"));
        CliRun result = run("download", "acme/archives", "images.tar.gz", "--repo-type", "dataset", "--extract");
        assertThat(result.exit()).isZero();
        Path folder = Path.of(lines(result.out()).get(0));
        assertThat(folder.getParent()).isEqualTo(cache.resolve("datasets--acme--archives/extracted"));
        assertThat(folder.getFileName().toString()).matches("[0-9a-f]{8}");
        assertThat(folder.resolve("cat.txt")).hasContent("meow");
    }

    @Test
    void extractTakesTheLimitFlags() throws IOException {
        hub.repo("dataset", "acme/archives").lfsFile("images.tar.gz", tarGz("cat.txt", "meow"));
        CliRun refused = run("download", "acme/archives", "images.tar.gz", "--repo-type", "dataset", "--extract",
                "--max-bytes", "2");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("--max-bytes");
        CliRun ok = run("download", "acme/archives", "images.tar.gz", "--repo-type", "dataset", "--extract",
                "--max-entries", "1", "--max-ratio", "5000");
        assertThat(ok.exit()).as(ok.err()).isZero();
    }

    @Test
    void localDirPutsRealFiles() throws IOException {
        hub.repo("acme/local").file("a.txt", "a");
        Path dir = cache.resolve("../local-" + System.nanoTime()).normalize();
        CliRun result = run("download", "acme/local", "a.txt", "--local-dir", dir.toString());
        assertThat(result.exit()).isZero();
        assertThat(lines(result.out()).get(0)).isEqualTo(dir.resolve("a.txt").toString());
        assertThat(Files.isSymbolicLink(dir.resolve("a.txt"))).isFalse();
    }

    @Test
    void errorsAreOneLineOnStderrWithExitStatusOne() {
        CliRun result = run("download", "acme/missing", "config.json");
        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(lines(result.err())).hasSize(1);
        assertThat(result.err()).startsWith("hfhub: repository not found or needs a token").contains("HF_TOKEN")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(CliRun.of("download").exit()).isEqualTo(2);
        assertThat(CliRun.of("download", "acme/x", "--no-such-flag").exit()).isEqualTo(2);
        assertThat(CliRun.of("nonsense").exit()).isEqualTo(2);
    }

    @Test
    void versionAndHelp() {
        CliRun version = CliRun.of("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("hfhub ");
        CliRun help = CliRun.of("download", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--revision", "--repo-type", "--subfolder", "--cache-dir", "--token", "--quiet", "Examples:");
    }

    private static byte[] tarGz(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(data.length);
            tar.putArchiveEntry(entry);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
