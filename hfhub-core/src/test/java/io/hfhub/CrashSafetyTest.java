package io.hfhub;

import static io.hfhub.DownloadTest.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.cache.CacheVerifier;
import io.hfhub.cache.VerifyReport;
import io.hfhub.testkit.HubServerExtension;
import io.hfhub.testkit.RepoBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Failures leave a valid cache and say what happened, in words: the findings of issue 11. */
class CrashSafetyTest {
    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path cache;

    @Test
    void aFullDiskIsReportedAsSuchWithTheResumeAdvice() throws IOException {
        byte[] content = randomBytes(9_000_000); // resumable: above the 8 MiB under which no state is kept
        String sha = StreamingTest.sha256(content);
        hub.repo("acme/full").lfsFile("w.bin", content);
        Path blobs = Files.createDirectories(cache.resolve("models--acme--full/blobs"));
        // The partial file is /dev/full, whose every write fails with ENOSPC, as on a full disk.
        Files.createSymbolicLink(blobs.resolve(sha + ".incomplete"), Path.of("/dev/full"));
        Files.writeString(blobs.resolve(sha + ".incomplete.json"), "{\"version\":1,\"url\":\"x\",\"etag\":\"" + sha
                + "\",\"size\":" + content.length + ",\"commit\":\"c\",\"bytesWritten\":0,\"startedAt\":0,\"updatedAt\":0}");

        try (HfHub client = TestHubs.builder(hub.server(), cache).parallelRanges(1).checkDiskSpace(false).build()) {
            assertThatThrownBy(() -> client.download("acme/full", "w.bin"))
                    .isInstanceOf(InsufficientDiskSpaceException.class)
                    .hasMessageContaining("disk filled up").hasMessageContaining("run again to resume")
                    .satisfies(e -> assertThat(e.getCause()).hasMessageContaining("No space left"));
        }
    }

    @Test
    void deletingTheRepoDuringADownloadSaysWhatHappenedAndClaimsNothingKept() throws Exception {
        byte[] content = randomBytes(12_000_000);
        String sha = StreamingTest.sha256(content);
        hub.repo("acme/busy").lfsFile("w.bin", content);
        Path repo = cache.resolve("models--acme--busy");
        Path partial = repo.resolve("blobs/" + sha + ".incomplete");
        try (HfHub client = TestHubs.builder(hub.server(), cache).parallelRanges(1).bandwidthLimit(3_000_000).build()) {
            CompletableFuture<Path> download = CompletableFuture.supplyAsync(() -> client.download("acme/busy", "w.bin"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(Files.exists(partial) && Files.size(partial) > 500_000) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            deleteTree(repo); // what `hfhub cache delete` does to a folder, meanwhile

            assertThatThrownBy(() -> download.get(60, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(HfHubException.class)
                    .hasMessageContaining("does not exist")
                    .hasMessageNotContaining("partial file is kept")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotMatch(".*failed: /[^ ]*( \\(|$).*"));
        }
    }

    @Test
    void aTreeListingANameAsFileAndFolderSaysSoAndLeavesNoTemporaryLink() throws IOException {
        RepoBuilder repo = hub.repo("acme/odd").file("x/y", "inner").file("x", "outer");
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            client.download("acme/odd", "x/y");
            assertThatThrownBy(() -> client.download("acme/odd", "x"))
                    .isInstanceOf(HfHubException.class)
                    .hasMessageContaining("both as a file and as a folder");
        }
        Path snapshot = cache.resolve("models--acme--odd/snapshots/" + repo.commit());
        try (Stream<Path> walk = Files.walk(snapshot)) {
            assertThat(walk.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        assertThat(snapshot.resolve("x/y")).hasContent("inner");
    }

    @Test
    void aFailedFirstDownloadLeavesACacheThatVerifies() throws IOException {
        hub.repo("acme/flaky").lfsFile("w.bin", randomBytes(100_000));
        hub.faults().on("cdn").always().status(500);
        try (HfHub client = TestHubs.builder(hub.server(), cache).maxAttempts(2).build()) {
            assertThatThrownBy(() -> client.download("acme/flaky", "w.bin")).isInstanceOf(HfHubException.class);
        }

        VerifyReport report = CacheVerifier.verify(cache, Optional.empty());

        assertThat(report.problems()).isEmpty();
    }

    @Test
    void anExtractionIntoAFileSaysWhatIsWrongWithoutAJavaClassName() throws IOException {
        Path archive = Files.write(cache.resolve("a.gz"), gzip("hello"));
        Path file = Files.writeString(cache.resolve("file"), "not a folder");

        assertThatThrownBy(() -> Archives.extract(archive, file.resolve("out"), ExtractOptions.defaults()))
                .isInstanceOf(HfHubException.class)
                .hasMessageContaining(file + " already exists")
                .hasMessageNotContaining("java.");
    }

    private static byte[] gzip(String text) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static void deleteTree(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
