package io.hfhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.testkit.HubServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a lying Hub can make the command line print or write: non-zero exit, no escape byte on stderr, no secret
 * in any output, nothing outside the cache.
 */
class LyingHubCliTest {
    private static final String TOKEN = "hf_SeCrEtTokenValue123";

    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path root;

    private CliRun download(String... args) {
        String[] all = new String[args.length + 8];
        System.arraycopy(new String[] {"download"}, 0, all, 0, 1);
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(new String[] {"--endpoint", hub.endpoint(), "--cache-dir", root.resolve("cache").toString(),
                "--quiet", "--token", TOKEN}, 0, all, args.length + 1, 7);
        return CliRun.of(all);
    }

    private static void assertPrintable(CliRun run) {
        assertThat(run.err().chars().noneMatch(c -> c == 0x1b || c == 0x07 || c == '\r')).as(run.err()).isTrue();
        assertThat(run.err().lines().count()).as(run.err()).isLessThanOrEqualTo(1);
        assertThat(run.err() + run.out()).doesNotContain(TOKEN);
    }

    @Test
    void serverMessageWithEscapesAndTheTokenIsPrintedEscapedAndRedacted() {
        hub.repo("evil/repo").file("a.txt", "hello");
        hub.faults().on("hub").status(403).errorMessage("\u001b[31mdenied\u001b[0m for Bearer " + TOKEN + "\r\nfake: ok\u0007");
        CliRun run = download("evil/repo", "a.txt");
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).startsWith("hfhub: ").contains("denied").contains("<redacted>");
        assertPrintable(run);
    }

    @Test
    void listedFileNameWithEscapesIsRefusedAndNotEchoedRaw() throws IOException {
        hub.repo("evil/repo").file("a.txt", "hello");
        hub.faults().on("hub").path("/tree/").always().body("[{\"type\":\"file\",\"oid\":\"" + "1".repeat(40)
                + "\",\"size\":5,\"path\":\"\\u001b]0;owned\\u0007a.txt\"}]");
        CliRun run = download("evil/repo");
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertPrintable(run);
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.contains("owned"));
        }
    }

    @Test
    void emptyCacheDirIsAUsageError() throws IOException {
        Path cwd = Path.of("").toAbsolutePath();
        try (Stream<Path> before = Files.list(cwd)) {
            long count = before.count();
            CliRun run = CliRun.of("download", "evil/repo", "a.txt", "--endpoint", hub.endpoint(), "--cache-dir", "");
            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).contains("--cache-dir");
            assertThat(hub.requests()).isEmpty();
            try (Stream<Path> after = Files.list(cwd)) {
                assertThat(after.count()).isEqualTo(count);
            }
        }
        assertThat(CliRun.of("cache", "scan", "--cache-dir", "").exit()).isEqualTo(2);
    }

    @Test
    void cacheFolderNamesWithEscapesArePrintedEscaped() throws IOException {
        Path cache = root.resolve("cache");
        Path repo = cache.resolve("models--evil--a\u001b[31mx");
        Files.createDirectories(repo.resolve("snapshots").resolve("a".repeat(40)));
        Files.createDirectories(repo.resolve("blobs"));
        CliRun run = CliRun.of("cache", "ls", "--cache-dir", cache.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("evil/a\\e[31mx");
        assertThat((run.out() + run.err()).chars().noneMatch(c -> c == 0x1b)).isTrue();
    }

    @Test
    void aRevisionThatIsAPathIsAUsageErrorBeforeAnyRequest() {
        CliRun run = download("evil/repo", "a.txt", "--revision", "../../../x");
        assertThat(run.exit()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("invalid revision");
        assertThat(hub.requests()).isEmpty();
        assertThat(root.resolve("x")).doesNotExist();
    }
}
