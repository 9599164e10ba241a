package io.hfhub;

import static io.hfhub.DownloadTest.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.testkit.HubServerExtension;
import io.hfhub.testkit.RecordedRequest;
import io.hfhub.testkit.RepoBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Whole-revision downloads: listing, filters, request counts, local-dir mode, offline. */
class SnapshotTest {
    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path cache;

    @TempDir
    Path local;

    private RepoBuilder sampleRepo() {
        return hub.repo("acme/model")
                .file("config.json", "{}")
                .file("tokenizer.json", "{\"t\": 1}")
                .file("README.md", "# readme")
                .lfsFile("model.safetensors", randomBytes(200_000))
                .lfsFile("onnx/model.onnx", randomBytes(50_000))
                .file("sub dir/données #1.txt", "x");
    }

    private HfHub client() {
        return TestHubs.builder(hub.server(), cache).build();
    }

    @Test
    void wholeRevisionLandsAsOneSnapshotWithTheTreeCached() throws IOException {
        RepoBuilder repo = sampleRepo();
        try (HfHub client = client()) {
            Path folder = client.snapshot(SnapshotRequest.builder("acme/model").build());
            assertThat(folder).isEqualTo(cache.resolve("models--acme--model/snapshots/" + repo.commit()));
            assertThat(folder.resolve("config.json")).hasContent("{}");
            assertThat(folder.resolve("sub dir/données #1.txt")).hasContent("x");
            assertThat(Files.isSymbolicLink(folder.resolve("onnx/model.onnx"))).isTrue();
            assertThat(folder.resolve("onnx/model.onnx")).hasSize(50_000);
        }
        assertThat(cache.resolve("models--acme--model/trees/" + repo.commit() + ".json")).exists();
        assertThat(cache.resolve("models--acme--model/refs/main")).hasContent(repo.commit());
        // one revision request, one listing, then only file GETs: no per-file HEAD
        List<RecordedRequest> hubRequests = hub.requests("hub");
        assertThat(hubRequests).noneMatch(r -> r.method().equals("HEAD"));
        assertThat(hubRequests.stream().filter(r -> r.rawPath().startsWith("/api/"))).hasSize(2);
    }

    @Test
    void warmBranchMakesExactlyOneRequestAndPinnedCommitNone() {
        RepoBuilder repo = sampleRepo();
        try (HfHub client = client()) {
            client.snapshot(SnapshotRequest.builder("acme/model").build());
            hub.clearRequests();
            client.snapshot(SnapshotRequest.builder("acme/model").build());
            assertThat(hub.requests()).hasSize(1);
            assertThat(hub.requests().get(0).rawPath()).isEqualTo("/api/models/acme/model/revision/main");
            hub.clearRequests();
            client.snapshot(SnapshotRequest.builder("acme/model").revision(repo.commit()).build());
            assertThat(hub.requests()).isEmpty();
        }
    }

    @Test
    void includeAndExcludePatterns() {
        sampleRepo();
        try (HfHub client = client()) {
            Path folder = client.snapshot(SnapshotRequest.builder("acme/model")
                    .allowPatterns(List.of("*.json", "onnx/")).ignorePatterns(List.of("tokenizer*")).build());
            assertThat(folder.resolve("config.json")).exists();
            assertThat(folder.resolve("onnx/model.onnx")).exists();
            assertThat(folder.resolve("tokenizer.json")).doesNotExist();
            assertThat(folder.resolve("model.safetensors")).doesNotExist();
            assertThat(folder.resolve("README.md")).doesNotExist();
        }
    }

    @Test
    void dryRunListsSizesAndFetchesNothing() {
        sampleRepo();
        try (HfHub client = client()) {
            client.download("acme/model", "config.json");
            hub.clearRequests();
            List<DryRunEntry> entries = client.snapshotDryRun(SnapshotRequest.builder("acme/model").build());
            assertThat(entries).hasSize(6);
            assertThat(entries).filteredOn(e -> e.path().equals("model.safetensors"))
                    .singleElement().satisfies(e -> {
                        assertThat(e.size()).isEqualTo(200_000);
                        assertThat(e.willDownload()).isTrue();
                    });
            assertThat(entries).filteredOn(e -> e.path().equals("config.json")).singleElement()
                    .satisfies(e -> assertThat(e.isCached()).isTrue());
        }
        assertThat(hub.requests()).noneMatch(r -> r.rawPath().contains("/resolve/"));
        assertThat(cache.resolve("models--acme--model/blobs")).satisfies(p -> {
            try (Stream<Path> s = Files.list(p)) {
                assertThat(s).hasSize(1);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void aThousandFileRepoIsListedAcrossPages() throws IOException {
        RepoBuilder repo = hub.repo("dataset", "acme/many");
        for (int i = 0; i < 1000; i++) {
            repo.file("data/part-" + i + ".txt", "row " + i);
        }
        hub.treePageSize(100);
        try (HfHub client = client()) {
            Path folder = client.snapshot(SnapshotRequest.builder("acme/many").repoType(RepoType.DATASET).maxWorkers(8).build());
            try (Stream<Path> files = Files.list(folder.resolve("data"))) {
                assertThat(files).hasSize(1000);
            }
            assertThat(folder.resolve("data/part-999.txt")).hasContent("row 999");
        }
        // 1,000 files and the folder entry "data": 1,001 entries, 11 pages of 100
        assertThat(hub.requests("hub").stream().filter(r -> r.rawPath().contains("/tree/"))).hasSize(11);
    }

    @Test
    void localDirHoldsRealFilesWithPythonMetadata() throws IOException {
        RepoBuilder repo = sampleRepo();
        try (HfHub client = client()) {
            Path folder = client.snapshot(SnapshotRequest.builder("acme/model").localDir(local).build());
            assertThat(folder).isEqualTo(local.toAbsolutePath().normalize());
            assertThat(Files.isSymbolicLink(local.resolve("config.json"))).isFalse();
            assertThat(local.resolve("config.json")).hasContent("{}");
            assertThat(local.resolve("onnx/model.onnx")).hasSize(50_000);
            assertThat(local.resolve(".cache/huggingface/.gitignore")).hasContent("*");
            List<String> metadata = Files.readAllLines(local.resolve(".cache/huggingface/download/onnx/model.onnx.metadata"),
                    StandardCharsets.UTF_8);
            assertThat(metadata.get(0)).isEqualTo(repo.commit());
            assertThat(metadata.get(1)).matches("[0-9a-f]{64}");
            assertThat(Double.parseDouble(metadata.get(2))).isPositive();
            hub.clearRequests();
            client.snapshot(SnapshotRequest.builder("acme/model").localDir(local).build());
            assertThat(hub.requests()).hasSize(1); // the revision; every file is up to date
        }
    }

    @Test
    void localDirSingleFileIsReplacedWhenTheRepoChanges() throws IOException {
        RepoBuilder repo = hub.repo("acme/evolving").file("a.txt", "one");
        try (HfHub client = client()) {
            FileRequest request = FileRequest.builder("acme/evolving", "a.txt").localDir(local).build();
            assertThat(client.download(request)).hasContent("one");
            repo.file("a.txt", "two");
            assertThat(client.download(request)).hasContent("two");
            assertThat(Files.readAllLines(local.resolve(".cache/huggingface/download/a.txt.metadata")).get(0))
                    .isEqualTo(repo.commit());
        }
    }

    @Test
    void offlineAnswersWithTheCachedSnapshotOrATypedError() {
        RepoBuilder repo = sampleRepo();
        try (HfHub client = client()) {
            client.snapshot(SnapshotRequest.builder("acme/model").build());
        }
        hub.clearRequests();
        try (HfHub offline = TestHubs.builder(hub.server(), cache).offline(true).build()) {
            assertThat(offline.snapshot(SnapshotRequest.builder("acme/model").build()))
                    .isEqualTo(cache.resolve("models--acme--model/snapshots/" + repo.commit()));
            assertThatThrownBy(() -> offline.snapshot(SnapshotRequest.builder("acme/other").build()))
                    .isInstanceOf(LocalEntryNotFoundException.class).hasMessageContaining("offline");
        }
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void largeFileRangesAndSmallFilesShareOneConnectionBudget() throws IOException {
        byte[] big = randomBytes(4 << 20);
        RepoBuilder repo = hub.repo("acme/mixed").lfsFile("big.bin", big);
        for (int i = 0; i < 20; i++) {
            repo.file("small/" + i + ".txt", "file " + i);
        }
        // A budget of two connections for 8 workers and 8 ranges: everything takes turns, nothing deadlocks.
        try (HfHub client = TestHubs.builder(hub.server(), cache).maxConnections(2).parallelRanges(8)
                .rangeThreshold(1 << 20).rangeChunkSize(256 << 10).build()) {
            Path folder = client.snapshot(SnapshotRequest.builder("acme/mixed").maxWorkers(8).build());
            assertThat(folder.resolve("big.bin")).hasBinaryContent(big);
            assertThat(folder.resolve("small/19.txt")).hasContent("file 19");
        }
        assertThat(hub.requests("cdn").stream().filter(r -> r.range() != null)).hasSizeGreaterThan(1);
    }

    @Test
    void offlineWithPartOfTheRepoCachedFetchesNothingAndSaysWhatIsMissing() {
        sampleRepo();
        try (HfHub client = client()) {
            client.snapshot(SnapshotRequest.builder("acme/model").allowPatterns(List.of("*.json")).build());
        }
        hub.clearRequests();
        try (HfHub offline = TestHubs.builder(hub.server(), cache).offline(true).build()) {
            assertThat(offline.snapshot(SnapshotRequest.builder("acme/model").allowPatterns(List.of("*.json")).build()))
                    .exists();
            assertThatThrownBy(() -> offline.snapshot(SnapshotRequest.builder("acme/model").build()))
                    .isInstanceOf(LocalEntryNotFoundException.class).hasMessageContaining("not in the cache")
                    .hasMessageContaining("offline");
        }
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void unknownRepoIsATypedError() {
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.snapshot(SnapshotRequest.builder("acme/nope").build()))
                    .isInstanceOf(RepositoryNotFoundException.class);
        }
    }
}
