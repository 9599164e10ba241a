package io.hfhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.testkit.HubServerExtension;
import io.hfhub.testkit.RecordedRequest;
import io.hfhub.testkit.XetCompression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Xet-backed files: detected by their metadata, fetched through the testkit's CAS, published like any blob. */
class XetDownloadTest {
    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path cache;

    @TempDir
    Path xetCache;

    private HfHub client() {
        return TestHubs.builder(hub.server(), cache).xetCacheDir(xetCache).build();
    }

    /** Compressible like weights (small values in 4-byte words) with random runs, so every scheme has work. */
    static byte[] weights(int n, long seed) {
        byte[] b = new byte[n];
        Random random = new Random(seed);
        for (int i = 0; i < n; i += 4) {
            b[i] = (byte) random.nextInt(256);
            if (i + 1 < n) {
                b[i + 1] = (byte) random.nextInt(4);
            }
        }
        return b;
    }

    @Test
    void fileOverThePlainHttpLimitDownloadsThroughXet() throws Exception {
        byte[] content = weights(3 << 20, 1);
        hub.server().xet().plainHttpLimit(1 << 20);
        hub.repo("acme/big").xetFile("model.bin", content);
        Path file;
        try (HfHub client = client()) {
            file = client.download("acme/big", "model.bin");
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThat(file.toRealPath().getParent().getFileName().toString()).isEqualTo("blobs");
        assertThat(hub.requests("cdn")).noneMatch(r -> r.rawPath().startsWith("/blobs/"));
        List<RecordedRequest> xorbs = hub.requests("cdn");
        assertThat(xorbs).isNotEmpty().allMatch(r -> r.rawPath().startsWith("/xorbs/") && r.range() != null
                && r.header("Authorization") == null);
        assertThat(hub.requests("cas")).isNotEmpty()
                .allMatch(r -> r.header("Authorization") != null && r.header("Authorization").startsWith("Bearer xet_"));
        assertThat(hub.requests("hub")).anyMatch(r -> r.rawPath().contains("/xet-read-token/"));
    }

    @Test
    void disablingXetFetchesByPlainHttpAndTheLimitThenRefuses() throws Exception {
        byte[] content = weights(1 << 20, 2);
        hub.repo("acme/model").xetFile("model.bin", content);
        try (HfHub client = TestHubs.builder(hub.server(), cache).xetCacheDir(xetCache).disableXet(true).build()) {
            assertThat(Files.readAllBytes(client.download("acme/model", "model.bin"))).isEqualTo(content);
        }
        assertThat(hub.requests("cas")).isEmpty();
        assertThat(hub.requests("cdn")).allMatch(r -> r.rawPath().startsWith("/blobs/"));

        hub.repo("acme/big").xetFile("model.bin", weights(2 << 20, 3));
        hub.server().xet().plainHttpLimit(1 << 20);
        try (HfHub client = TestHubs.builder(hub.server(), cache).xetCacheDir(xetCache).disableXet(true)
                .parallelRanges(1).build()) {
            assertThatThrownBy(() -> client.download("acme/big", "model.bin")).isInstanceOf(HfHubException.class);
        }
    }

    @Test
    void environmentDisablesXet() throws Exception {
        hub.repo("acme/model").xetFile("model.bin", weights(200_000, 4));
        try (HfHub client = TestHubs.builder(hub.server(), cache).xetCacheDir(xetCache)
                .environment(java.util.Map.of("HF_HUB_DISABLE_XET", "1")).build()) {
            client.download("acme/model", "model.bin");
        }
        assertThat(hub.requests("cas")).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(XetCompression.class)
    void everyCompressionSchemeDecodes(XetCompression compression) throws Exception {
        hub.server().xet().compression(compression);
        byte[] content = weights(700_001, 5); // not a multiple of 4: byte grouping's uneven groups
        hub.repo("acme/model").xetFile("model.bin", content);
        try (HfHub client = client()) {
            assertThat(Files.readAllBytes(client.download("acme/model", "model.bin"))).isEqualTo(content);
        }
    }

    @Test
    void anExpiredXorbUrlBringsANewReconstructionFromWhereItStopped() throws Exception {
        byte[] first = weights(1 << 20, 6);
        byte[] content = concat(first, weights(1 << 20, 7));
        hub.repo("acme/model").xetFile("a.bin", first).xetFile("b.bin", content); // b.bin spans two xorbs
        AtomicBoolean expired = new AtomicBoolean();
        ProgressListener expireOnce = new ProgressListener() {
            @Override
            public void progress(String name, long done, long total) {
                if (done > 0 && expired.compareAndSet(false, true)) {
                    hub.server().faults().expireCdnUrls();
                }
            }
        };
        // one connection: the second xorb range is fetched only after the first one's bytes are written
        try (HfHub client = TestHubs.builder(hub.server(), cache).xetCacheSize(0).parallelRanges(1).build()) {
            Path file = client.download(FileRequest.builder("acme/model", "b.bin").progress(expireOnce).build());
            assertThat(Files.readAllBytes(file)).isEqualTo(content);
        }
        assertThat(hub.requests("cdn")).anyMatch(r -> r.status() == 403);
        List<RecordedRequest> reconstructions = hub.requests("cas");
        assertThat(reconstructions).hasSizeGreaterThanOrEqualTo(2);
        assertThat(reconstructions.get(0).range()).isNull();
        assertThat(reconstructions.get(reconstructions.size() - 1).range()).matches("bytes=[1-9]\\d*-" + (content.length - 1));
    }

    @Test
    void snapshotFetchesXetFilesNamedByTheTreeListing() throws Exception {
        byte[] content = weights(500_000, 8);
        hub.repo("acme/model").file("config.json", "{}").xetFile("model.bin", content);
        try (HfHub client = client()) {
            Path snapshot = client.snapshot(SnapshotRequest.builder("acme/model").build());
            assertThat(Files.readAllBytes(snapshot.resolve("model.bin"))).isEqualTo(content);
        }
        assertThat(hub.requests("cas")).hasSize(1);
        assertThat(hub.requests("cdn")).allMatch(r -> r.rawPath().startsWith("/xorbs/"));
    }

    @Test
    void aSnapshotAnsweredFromTheCachedTreeStillFetchesThroughXet() throws Exception {
        byte[] content = weights(3 << 20, 11);
        hub.server().xet().plainHttpLimit(1 << 20); // only Xet can serve this file
        hub.repo("acme/model").file("config.json", "{}").xetFile("model.bin", content);
        String commit = hub.repo("acme/model").commit();
        try (HfHub client = client()) {
            client.snapshot(SnapshotRequest.builder("acme/model").revision(commit).build());
        }
        // The blob goes (a `cache delete` of one revision, another machine sharing the trees/ folder...): the
        // commit's listing stays cached, so the next snapshot does not ask the tree API again.
        Path repoFolder = cache.resolve("models--acme--model");
        try (var blobs = Files.list(repoFolder.resolve("blobs"))) {
            for (Path blob : blobs.toList()) {
                Files.delete(blob);
            }
        }
        hub.clearRequests();
        try (HfHub client = client()) {
            Path snapshot = client.snapshot(SnapshotRequest.builder("acme/model").revision(commit).build());
            assertThat(Files.readAllBytes(snapshot.resolve("model.bin"))).isEqualTo(content);
        }
        assertThat(hub.requests("hub")).noneMatch(r -> r.rawPath().contains("/tree/"));
        assertThat(hub.requests("cas")).isNotEmpty();
    }

    @Test
    void aSecondRevisionFetchesOnlyTheChangedChunks() throws Exception {
        byte[] v1 = weights(4 << 20, 9);
        byte[] v2 = v1.clone();
        byte[] edit = weights(v1.length / 100, 10);
        System.arraycopy(edit, 0, v2, v1.length / 2, edit.length); // 1 % of the file rewritten in the middle
        hub.repo("acme/model").xetFile("model.bin", v1);
        String first = hub.repo("acme/model").commit();
        hub.repo("acme/model").xetFile("model.bin", v2);
        try (HfHub client = client()) {
            client.download(FileRequest.builder("acme/model", "model.bin").revision(first).build());
            long before = xorbBytes();
            assertThat(before).isGreaterThan(v1.length / 2);
            hub.clearRequests();
            assertThat(Files.readAllBytes(client.download("acme/model", "model.bin"))).isEqualTo(v2);
        }
        assertThat(xorbBytes()).isGreaterThan(0).isLessThan(v2.length / 10);
    }

    @Test
    void aKilledDownloadResumesFromTheReconstructedPrefix() throws Exception {
        // over 8 MiB: smaller files are not worth a resume state (they go to a partial file of their own)
        byte[] first = weights(1 << 20, 11);
        byte[] content = concat(first, weights(8 << 20, 12));
        hub.repo("acme/model").xetFile("a.bin", first).xetFile("b.bin", content);
        try (HfHub client = client()) {
            client.download("acme/model", "a.bin"); // its xorb range is now in the chunk cache
        }
        hub.server().faults().on("cdn").path("/xorbs/").always().cutAfter(1000);
        try (HfHub client = TestHubs.builder(hub.server(), cache).xetCacheDir(xetCache).maxAttempts(1).build()) {
            assertThatThrownBy(() -> client.download("acme/model", "b.bin")).isInstanceOf(HfHubException.class)
                    .hasMessageContaining("resume");
        }
        String sha = io.hfhub.testkit.internal.Hashes.sha256(content);
        Path partial = cache.resolve("models--acme--model/blobs/" + sha + ".incomplete");
        long kept = Files.size(partial);
        assertThat(kept).isGreaterThan(0).isLessThan(content.length);
        hub.server().faults().clear();
        hub.clearRequests();
        try (HfHub client = client()) {
            assertThat(Files.readAllBytes(client.download("acme/model", "b.bin"))).isEqualTo(content);
        }
        assertThat(hub.requests("cas")).singleElement()
                .satisfies(r -> assertThat(r.range()).isEqualTo("bytes=" + kept + "-" + (content.length - 1)));
        assertThat(partial).doesNotExist();
    }

    @Test
    void aSmallXetFileGetsAPartialFileOfItsOwnAndLeavesNothingWhenItFails() throws Exception {
        // Two transfers of a small file must never share blobs/<etag>.incomplete: small files keep no lease that
        // would keep a second writer out where file locks lie, so each writes a partial file of its own.
        byte[] content = weights(2 << 20, 16);
        hub.repo("acme/model").xetFile("small.bin", content);
        hub.server().faults().on("cdn").path("/xorbs/").always().cutAfter(1000);
        try (HfHub client = TestHubs.builder(hub.server(), cache).xetCacheDir(xetCache).maxAttempts(1).build()) {
            assertThatThrownBy(() -> client.download("acme/model", "small.bin")).isInstanceOf(HfHubException.class)
                    .hasMessageNotContaining("partial file is kept");
        }
        try (java.util.stream.Stream<Path> blobs = Files.list(cache.resolve("models--acme--model/blobs"))) {
            assertThat(blobs).isEmpty();
        }
    }

    @Test
    void openStreamsAXetFileThroughXet() throws Exception {
        byte[] content = weights(3 << 20, 17);
        hub.server().xet().plainHttpLimit(1 << 20); // plain HTTP would refuse it
        hub.repo("acme/big").xetFile("model.bin", content);
        hub.server().faults().on("cdn").path("/xorbs/").times(1).cutAfter(100_000); // and it survives a cut
        try (HfHub client = client(); java.io.InputStream in = client.open(FileRequest.builder("acme/big", "model.bin").build())) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(hub.requests("cdn")).noneMatch(r -> r.rawPath().startsWith("/blobs/"));
        assertThat(hub.requests("cas")).hasSizeGreaterThanOrEqualTo(2); // a new reconstruction after the cut
        assertThat(cache.resolve("models--acme--big/blobs")).doesNotExist();
    }

    @Test
    void aReadTokenIsReusedUntilItNearsItsExpiry() throws Exception {
        hub.repo("acme/model").xetFile("a.bin", weights(100_000, 14)).xetFile("b.bin", weights(100_000, 15));
        try (HfHub client = client()) {
            client.download("acme/model", "a.bin");
            client.download("acme/model", "b.bin");
        }
        assertThat(tokenRequests()).isEqualTo(1);
        hub.server().xet().tokenLifetime(java.time.Duration.ofSeconds(30)); // inside the 60 s safety margin
        hub.clearRequests();
        try (HfHub client = TestHubs.builder(hub.server(), cache.resolve("again")).xetCacheDir(xetCache).build()) {
            client.download("acme/model", "a.bin");
            client.download("acme/model", "b.bin");
        }
        assertThat(tokenRequests()).isEqualTo(2);
    }

    private long tokenRequests() {
        return hub.requests("hub").stream().filter(r -> r.rawPath().contains("/xet-read-token/")).count();
    }

    @Test
    void progressReportsXetTransfersLikeAnyOther() throws Exception {
        byte[] content = weights(600_000, 13);
        hub.repo("acme/model").xetFile("model.bin", content);
        List<Long> done = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void started(String name, long total, long alreadyDone) {
                events.add("started " + name + " " + total + " " + alreadyDone);
            }

            @Override
            public void progress(String name, long bytes, long total) {
                done.add(bytes);
            }

            @Override
            public void finished(String name, long total) {
                events.add("finished " + name + " " + total);
            }
        };
        try (HfHub client = client()) {
            client.download(FileRequest.builder("acme/model", "model.bin").progress(listener).build());
        }
        assertThat(events).containsExactly("started model.bin 600000 0", "finished model.bin 600000");
        assertThat(done).isSorted().hasSizeGreaterThan(2).last().isEqualTo(600_000L);
    }

    private long xorbBytes() {
        return hub.requests("cdn").stream().filter(r -> r.rawPath().startsWith("/xorbs/") && r.status() == 206)
                .mapToLong(r -> {
                    String[] span = r.range().substring("bytes=".length()).split("-");
                    return Long.parseLong(span[1]) - Long.parseLong(span[0]) + 1;
                }).sum();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
