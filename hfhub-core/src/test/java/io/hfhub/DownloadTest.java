package io.hfhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.testkit.HubServerExtension;
import io.hfhub.testkit.RecordedRequest;
import io.hfhub.testkit.RepoBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The core download against the testkit Hub over loopback: layout, URLs, redirects, tokens, errors, offline. */
class DownloadTest {
    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path cache;

    private HfHub client() {
        return TestHubs.builder(hub.server(), cache).build();
    }

    @Test
    void regularFileLandsInThePythonLayout() throws IOException {
        RepoBuilder repo = hub.repo("acme/tiny").file("config.json", "{\"model_type\": \"tiny\"}\n");
        try (HfHub client = client()) {
            Path path = client.download("acme/tiny", "config.json");
            Path folder = cache.resolve("models--acme--tiny");
            String commit = repo.commit();
            assertThat(path).isEqualTo(folder.resolve("snapshots").resolve(commit).resolve("config.json"));
            assertThat(Files.readString(path)).isEqualTo("{\"model_type\": \"tiny\"}\n");
            assertThat(Files.isSymbolicLink(path)).isTrue();
            assertThat(Files.readSymbolicLink(path).toString()).isEqualTo("../../blobs/b6ded5f340daa14ef0b286ae424ea6eef34544b1");
            assertThat(Files.readString(folder.resolve("refs/main"))).isEqualTo(commit); // no newline
            assertThat(Files.exists(cache.resolve(".locks/models--acme--tiny/b6ded5f340daa14ef0b286ae424ea6eef34544b1.lock"))).isTrue();
            try (Stream<Path> blobs = Files.list(folder.resolve("blobs"))) {
                assertThat(blobs.map(p -> p.getFileName().toString())).containsExactly("b6ded5f340daa14ef0b286ae424ea6eef34544b1");
            }
        }
    }

    @Test
    void lfsFileFollowsTheCdnRedirectWithoutTheToken() throws Exception {
        byte[] weights = randomBytes(300_000);
        hub.repo("acme/private").lfsFile("model.safetensors", weights).privateRepo("hf_secret");
        try (HfHub client = TestHubs.builder(hub.server(), cache).token("hf_secret").build()) {
            Path path = client.download("acme/private", "model.safetensors");
            assertThat(Files.readAllBytes(path)).isEqualTo(weights);
            String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(weights));
            assertThat(Files.readSymbolicLink(path).toString()).isEqualTo("../../blobs/" + sha256);
        }
        List<RecordedRequest> cdn = hub.requests("cdn");
        assertThat(cdn).isNotEmpty().allSatisfy(r -> assertThat(r.header("Authorization")).isNull());
        assertThat(hub.requests("hub")).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer hf_secret"));
        assertThat(hub.requests("hub").get(0).method()).isEqualTo("HEAD");
        assertThat(hub.requests("hub").get(0).header("Accept-Encoding")).isEqualTo("identity");
        assertThat(hub.requests("hub").get(0).header("User-Agent")).startsWith("hfhub/").contains("; java/");
    }

    @Test
    void filenamesArePercentEncodedPerSegment() throws IOException {
        hub.repo("acme/names").file("sub dir/données #1.txt", "a").file("a?b=c&d.txt", "b").file("100%.txt", "c")
                .file("plus+sign.bin", "d");
        try (HfHub client = client()) {
            assertThat(Files.readString(client.download("acme/names", "sub dir/données #1.txt"))).isEqualTo("a");
            assertThat(Files.readString(client.download("acme/names", "a?b=c&d.txt"))).isEqualTo("b");
            assertThat(Files.readString(client.download("acme/names", "100%.txt"))).isEqualTo("c");
            assertThat(Files.readString(client.download("acme/names", "plus+sign.bin"))).isEqualTo("d");
        }
        assertThat(hub.requests("hub").stream().map(RecordedRequest::rawPath)).contains(
                "/acme/names/resolve/main/sub%20dir/donn%C3%A9es%20%231.txt",
                "/acme/names/resolve/main/a%3Fb%3Dc%26d.txt",
                "/acme/names/resolve/main/100%25.txt",
                "/acme/names/resolve/main/plus%2Bsign.bin");
    }

    @Test
    void subfolderIsJoinedBeforeTheName() throws IOException {
        RepoBuilder repo = hub.repo("acme/sub").file("onnx/model.onnx", "onnx");
        try (HfHub client = client()) {
            Path path = client.download(FileRequest.builder("acme/sub", "model.onnx").subfolder("onnx").build());
            assertThat(Files.readString(path)).isEqualTo("onnx");
            assertThat(path).endsWithRaw(Path.of(repo.commit(), "onnx", "model.onnx"));
            assertThat(Files.readSymbolicLink(path).toString()).startsWith("../../../blobs/");
        }
    }

    @Test
    void revisionsBranchTagPrAndCommit() throws IOException {
        RepoBuilder repo = hub.repo("acme/revs").file("f.txt", "main");
        repo.revision("v1").file("f.txt", "tag");
        repo.revision("refs/pr/1").file("f.txt", "pr");
        String mainCommit = repo.commit("main");
        try (HfHub client = client()) {
            assertThat(Files.readString(download(client, "acme/revs", "f.txt", "v1"))).isEqualTo("tag");
            assertThat(Files.readString(download(client, "acme/revs", "f.txt", "refs/pr/1"))).isEqualTo("pr");
            assertThat(Files.readString(download(client, "acme/revs", "f.txt", mainCommit))).isEqualTo("main");
        }
        Path refs = cache.resolve("models--acme--revs/refs");
        assertThat(Files.readString(refs.resolve("refs/pr/1"))).isEqualTo(repo.commit("refs/pr/1"));
        assertThat(Files.readString(refs.resolve("v1"))).isEqualTo(repo.commit("v1"));
        assertThat(Files.exists(refs.resolve(mainCommit))).isFalse(); // a commit revision writes no ref
        assertThat(hub.requests("hub").stream().map(RecordedRequest::rawPath)).contains("/acme/revs/resolve/refs%2Fpr%2F1/f.txt");
    }

    @Test
    void cachedCommitRevisionMakesZeroRequests() throws IOException {
        RepoBuilder repo = hub.repo("acme/pinned").lfsFile("w.bin", randomBytes(1000));
        try (HfHub client = client()) {
            Path first = download(client, "acme/pinned", "w.bin", repo.commit());
            hub.clearRequests();
            Path second = download(client, "acme/pinned", "w.bin", repo.commit());
            assertThat(second).isEqualTo(first);
        }
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void branchRevisionOnAWarmCacheMakesOneHeadAndNoDownload() throws IOException {
        hub.repo("acme/warm").lfsFile("w.bin", randomBytes(1000));
        try (HfHub client = client()) {
            client.download("acme/warm", "w.bin");
            hub.clearRequests();
            client.download("acme/warm", "w.bin");
        }
        assertThat(hub.requests()).extracting(RecordedRequest::method).containsExactly("HEAD");
    }

    @Test
    void offlineAnswersFromTheCacheWithZeroRequests() throws IOException {
        hub.repo("acme/off").file("a.txt", "a");
        try (HfHub client = client()) {
            client.download("acme/off", "a.txt");
        }
        hub.clearRequests();
        try (HfHub offline = TestHubs.builder(hub.server(), cache).offline(true).build()) {
            assertThat(Files.readString(offline.download("acme/off", "a.txt"))).isEqualTo("a");
            assertThatThrownBy(() -> offline.download("acme/off", "missing.txt"))
                    .isInstanceOf(LocalEntryNotFoundException.class).hasMessageContaining("missing.txt")
                    .hasMessageContaining("offline");
        }
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void offlineFromTheEnvironmentVariable() {
        hub.repo("acme/envoff").file("a.txt", "a");
        try (HfHub offline = TestHubs.builder(hub.server(), cache)
                .environment(java.util.Map.of("HF_HUB_OFFLINE", "1")).build()) {
            assertThat(offline.config().offline()).isTrue();
            assertThatThrownBy(() -> offline.download("acme/envoff", "a.txt")).isInstanceOf(LocalEntryNotFoundException.class);
        }
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void networkDownFallsBackToTheCachedSnapshotOfTheRevision() throws IOException {
        hub.repo("acme/down").file("a.txt", "cached");
        Path first;
        try (HfHub client = client()) {
            first = client.download("acme/down", "a.txt");
        }
        String endpoint = hub.endpoint();
        hub.server().close();
        try (HfHub client = TestHubs.builder(endpoint, cache).build()) {
            assertThat(client.download("acme/down", "a.txt")).isEqualTo(first);
            assertThatThrownBy(() -> client.download("acme/down", "never.txt"))
                    .isInstanceOf(LocalEntryNotFoundException.class).hasMessageContaining("never.txt");
        }
    }

    @Test
    void serverErrorsFallBackToTheCache() throws IOException {
        hub.repo("acme/flaky").file("a.txt", "cached");
        try (HfHub client = client()) {
            Path first = client.download("acme/flaky", "a.txt");
            hub.faults().on("hub").always().status(503);
            assertThat(client.download("acme/flaky", "a.txt")).isEqualTo(first);
        }
    }

    @Test
    void typedErrors() {
        hub.repo("acme/exists").file("a.txt", "a");
        hub.repo("acme/private").file("a.txt", "a").privateRepo("hf_right");
        hub.repo("acme/gated").file("a.txt", "a").gated("hf_right");
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.download("acme/nope", "a.txt")).isInstanceOf(RepositoryNotFoundException.class)
                    .hasMessageContaining("HF_TOKEN");
            assertThatThrownBy(() -> client.download("acme/private", "a.txt")).isInstanceOf(RepositoryNotFoundException.class)
                    .satisfies(e -> assertThat(((HfHttpException) e).status()).isEqualTo(401));
            assertThatThrownBy(() -> client.download("acme/gated", "a.txt")).isInstanceOf(GatedRepoException.class);
            assertThatThrownBy(() -> download(client, "acme/exists", "a.txt", "no-such-branch"))
                    .isInstanceOf(RevisionNotFoundException.class);
            assertThatThrownBy(() -> client.download("acme/exists", "b.txt")).isInstanceOf(EntryNotFoundException.class)
                    .satisfies(e -> assertThat(((HfHttpException) e).serverMessage()).isNotBlank());
        }
    }

    @Test
    void missingFileLeavesANoExistMarkerAndTheRef() {
        RepoBuilder repo = hub.repo("acme/markers").file("a.txt", "a");
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.download("acme/markers", "dir/gone.txt")).isInstanceOf(EntryNotFoundException.class);
        }
        Path folder = cache.resolve("models--acme--markers");
        assertThat(folder.resolve(".no_exist").resolve(repo.commit()).resolve("dir/gone.txt")).exists().isEmptyFile();
        assertThat(folder.resolve("refs/main")).hasContent(repo.commit());
    }

    @Test
    void renamedRepoFollowsTheRelativeRedirect() throws IOException {
        hub.repo("acme/old-name").file("a.txt", "moved").renamedTo("acme/new-name");
        try (HfHub client = client()) {
            assertThat(Files.readString(client.download("acme/old-name", "a.txt"))).isEqualTo("moved");
        }
        assertThat(hub.requests("hub")).extracting(RecordedRequest::status).contains(307);
    }

    @Test
    void datasetAndSpaceRepos() throws IOException {
        hub.repo("dataset", "acme/data").file("d.csv", "1,2");
        hub.repo("space", "acme/app").file("app.py", "print()");
        try (HfHub client = client()) {
            Path d = client.download(FileRequest.builder("acme/data", "d.csv").repoType(RepoType.DATASET).build());
            Path s = client.download(FileRequest.builder("acme/app", "app.py").repoType(RepoType.SPACE).build());
            assertThat(Files.readString(d)).isEqualTo("1,2");
            assertThat(Files.readString(s)).isEqualTo("print()");
            assertThat(d.toString()).contains("datasets--acme--data");
            assertThat(s.toString()).contains("spaces--acme--app");
        }
        assertThat(hub.requests("hub").stream().map(RecordedRequest::rawPath))
                .contains("/datasets/acme/data/resolve/main/d.csv", "/spaces/acme/app/resolve/main/app.py");
    }

    @Test
    void withoutSymlinksTheFileIsStoredInTheSnapshot() throws IOException {
        hub.repo("acme/nolinks").file("a.txt", "a").file("b.txt", "a");
        try (HfHub client = TestHubs.builder(hub.server(), cache).disableSymlinks(true).build()) {
            Path a = client.download("acme/nolinks", "a.txt");
            Path b = client.download("acme/nolinks", "b.txt");
            assertThat(Files.isSymbolicLink(a)).isFalse();
            assertThat(a).hasContent("a");
            assertThat(b).hasContent("a");
        }
    }

    @Test
    void theTokenIsNeverWrittenToTheCacheNorPutInMessages() throws IOException {
        hub.repo("acme/secret").lfsFile("w.bin", randomBytes(5000)).privateRepo("hf_right_token");
        try (HfHub client = TestHubs.builder(hub.server(), cache).token("hf_right_token").build()) {
            client.download("acme/secret", "w.bin");
        }
        try (HfHub wrong = TestHubs.builder(hub.server(), cache).token("hf_wrong_token").build()) {
            assertThatThrownBy(() -> wrong.download("acme/secret", "w.bin"))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hf_wrong_token"));
            assertThat(wrong.config().toString()).doesNotContain("hf_wrong_token");
        }
        try (Stream<Path> files = Files.walk(cache)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).doesNotContain("hf_right_token");
            }
        }
    }

    @Test
    void concurrentRequestsForOneFileShareOneDownload() throws Exception {
        byte[] content = randomBytes(2_000_000);
        hub.repo("acme/shared").lfsFile("big.bin", content);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (HfHub client = client()) {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> client.download("acme/shared", "big.bin")));
            }
            Path first = results.get(0).get();
            for (Future<Path> f : results) {
                assertThat(f.get()).isEqualTo(first);
            }
            assertThat(Files.readAllBytes(first)).isEqualTo(content);
        } finally {
            pool.shutdownNow();
        }
        assertThat(hub.requests("cdn")).hasSize(1);
        try (Stream<Path> blobs = Files.list(cache.resolve("models--acme--shared/blobs"))) {
            assertThat(blobs).hasSize(1); // no leftovers
        }
    }

    @Test
    void aFailedForcedDownloadLosesNothing() throws IOException {
        byte[] content = randomBytes(50_000);
        hub.repo("acme/forced").lfsFile("w.bin", content);
        try (HfHub client = client()) {
            Path path = client.download("acme/forced", "w.bin");
            hub.faults().on("cdn").always().status(503);
            assertThatThrownBy(() -> client.download(FileRequest.builder("acme/forced", "w.bin").forceDownload(true).build()))
                    .isInstanceOf(HfHubException.class);
            assertThat(path).hasBinaryContent(content); // the blob was never deleted
            hub.faults().clear();
            assertThat(client.download(FileRequest.builder("acme/forced", "w.bin").forceDownload(true).build()))
                    .hasBinaryContent(content);
        }
        assertThat(hub.requests("cdn").stream().filter(r -> r.status() == 200)).hasSize(2);
    }

    @Test
    void aDerivedClientKeepsTheSettingsItDoesNotChange() throws IOException {
        hub.repo("acme/derived").file("a.txt", "a");
        try (HfHub client = client()) {
            client.download("acme/derived", "a.txt");
            hub.clearRequests();
            try (HfHub offline = client.newBuilder().offline(true).build()) {
                assertThat(offline.config().cacheDir()).isEqualTo(client.config().cacheDir());
                assertThat(offline.config().endpoint()).isEqualTo(client.config().endpoint());
                assertThat(offline.download("acme/derived", "a.txt")).hasContent("a");
            }
            assertThat(hub.requests()).isEmpty();
            assertThat(client.download("acme/derived", "a.txt")).hasContent("a"); // the parent's pool still works
        }
    }

    @Test
    void unsafeFilenamesAreRefusedBeforeAnyRequest() {
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.download("acme/x", "../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> client.download("acme/x", "/abs")).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(hub.requests()).isEmpty();
    }

    static Path download(HfHub client, String repo, String file, String revision) {
        return client.download(FileRequest.builder(repo, file).revision(revision).build());
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
