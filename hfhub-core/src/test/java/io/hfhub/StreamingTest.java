package io.hfhub;

import static io.hfhub.DownloadTest.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.testkit.HubServerExtension;
import io.hfhub.testkit.RecordedRequest;
import io.hfhub.testkit.RepoBuilder;
import io.hfhub.transfer.Owner;
import io.hfhub.transfer.ResumeState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The streaming engine under the testkit's faults: resume, retries, stalls, corruption, persisted state. */
class StreamingTest {
    /** Above the resumable threshold (8 MiB, PartialFile): these files keep a resume state. */
    private static final int SIZE = 9_000_000;

    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path cache;

    private final byte[] content = randomBytes(SIZE);
    private final TestHubs.RecordingListener listener = new TestHubs.RecordingListener();

    private RepoBuilder lfsRepo() {
        return hub.repo("acme/weights").lfsFile("model.bin", content);
    }

    private Path download(HfHub client) {
        return client.download(FileRequest.builder("acme/weights", "model.bin").progress(listener).build());
    }

    private List<String> cdnRanges() {
        return hub.requests("cdn").stream().filter(r -> r.method().equals("GET")).map(RecordedRequest::range).toList();
    }

    @Test
    void connectionsCutMidBodyResumeWithRange() throws IOException {
        lfsRepo();
        hub.faults().on("cdn").times(3).cutAfter(200_000);
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            assertThat(download(client)).hasBinaryContent(content);
        }
        List<String> ranges = cdnRanges();
        assertThat(ranges).hasSize(4);
        assertThat(ranges.get(0)).isNull();
        assertThat(ranges.subList(1, 4)).containsExactly("bytes=200000-", "bytes=400000-", "bytes=600000-");
        assertThat(listener.events).filteredOn(e -> e.startsWith("retrying")).hasSize(3);
        assertNoLeftovers();
    }

    @Test
    void theRetryBudgetCountsOnlyAttemptsWithoutProgress() throws IOException {
        lfsRepo();
        hub.faults().on("cdn").times(10).cutAfter(50_000);
        try (HfHub client = TestHubs.builder(hub.server(), cache).maxAttempts(3).build()) {
            assertThat(download(client)).hasBinaryContent(content);
        }
        assertThat(cdnRanges()).hasSize(11);
    }

    @Test
    void aBurstOf503IsRetriedOnTheHubAndTheCdn() throws IOException {
        lfsRepo();
        hub.faults().on("hub").method("HEAD").times(2).status(503);
        hub.faults().on("cdn").times(3).status(503);
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            assertThat(download(client)).hasBinaryContent(content);
        }
    }

    @Test
    void persistentFailureGivesUpAfterTheBudgetAndKeepsNothingInBlobs() {
        lfsRepo();
        hub.faults().on("cdn").always().status(503);
        try (HfHub client = TestHubs.builder(hub.server(), cache).maxAttempts(4).build()) {
            assertThatThrownBy(() -> download(client)).isInstanceOf(HfHubException.class).hasMessageContaining("4 attempts");
        }
        assertThat(cdnRanges()).hasSize(4);
        assertThat(cache.resolve("models--acme--weights/snapshots")).doesNotExist();
    }

    @Test
    void aSmallFileHasNoResumeStateAndLeavesNothingBehindWhenItFails() throws IOException {
        hub.repo("acme/small").lfsFile("s.bin", randomBytes(100_000));
        hub.faults().on("cdn").times(1).cutAfter(50_000); // some bytes on disk, then only errors
        hub.faults().on("cdn").always().status(503);
        try (HfHub client = TestHubs.builder(hub.server(), cache).maxAttempts(2).build()) {
            assertThatThrownBy(() -> client.download("acme/small", "s.bin")).isInstanceOf(HfHubException.class)
                    .hasMessageNotContaining("partial file is kept");
        }
        try (Stream<Path> blobs = Files.list(cache.resolve("models--acme--small/blobs"))) {
            assertThat(blobs).isEmpty();
        }
    }

    @Test
    void retryAfterIsHonoured() throws IOException {
        lfsRepo();
        hub.faults().on("cdn").times(1).status(429).retryAfter(3);
        List<Duration> waits = new CopyOnWriteArrayList<>();
        try (HfHub client = TestHubs.builder(hub.server(), cache).sleeper(waits::add).build()) {
            assertThat(download(client)).hasBinaryContent(content);
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void otherClientErrorsFailAtOnce() {
        lfsRepo();
        hub.faults().on("cdn").times(1).status(400);
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            assertThatThrownBy(() -> download(client)).isInstanceOf(HfHttpException.class)
                    .satisfies(e -> assertThat(((HfHttpException) e).status()).isEqualTo(400));
        }
        assertThat(cdnRanges()).hasSize(1);
    }

    @Test
    void aStalledConnectionTimesOutAndResumes() throws IOException {
        lfsRepo();
        hub.faults().on("cdn").times(1).stallAfter(300_000, Duration.ofSeconds(20));
        try (HfHub client = TestHubs.builder(hub.server(), cache).downloadTimeout(Duration.ofMillis(500)).build()) {
            assertThat(download(client)).hasBinaryContent(content);
        }
        assertThat(cdnRanges()).containsExactly(null, "bytes=300000-");
        assertThat(listener.events).anyMatch(e -> e.startsWith("retrying") && e.contains("stalled"));
    }

    @Test
    void aCorruptedByteIsCaughtAndOneFreshAttemptMade() throws IOException {
        lfsRepo();
        hub.faults().on("cdn").times(1).corruptByteAt(12_345);
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            assertThat(download(client)).hasBinaryContent(content);
        }
        assertThat(listener.events).anyMatch(e -> e.contains("verification failed"));
        assertThat(cdnRanges()).containsExactly(null, null);
    }

    @Test
    void corruptionTwiceFailsWithChecksumMismatchAndNothingInTheCache() throws IOException {
        lfsRepo();
        hub.faults().on("cdn").times(2).corruptByteAt(SIZE - 1);
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            assertThatThrownBy(() -> download(client)).isInstanceOf(ChecksumMismatchException.class);
        }
        try (Stream<Path> blobs = Files.list(cache.resolve("models--acme--weights/blobs"))) {
            assertThat(blobs.map(p -> p.getFileName().toString())).noneMatch(n -> n.matches("[0-9a-f]{64}"));
        }
        assertThat(cache.resolve("models--acme--weights/snapshots")).doesNotExist();
    }

    @Test
    void aRegularFileIsCheckedAgainstItsGitSha1() throws IOException {
        hub.repo("acme/text").file("big.txt", content);
        hub.faults().on("hub").method("GET").times(2).corruptByteAt(10);
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            assertThatThrownBy(() -> client.download("acme/text", "big.txt")).isInstanceOf(ChecksumMismatchException.class);
            assertThat(client.download("acme/text", "big.txt")).hasBinaryContent(content);
        }
    }

    @Test
    void aServerIgnoringRangeRestartsFromZeroCleanly() throws IOException {
        lfsRepo();
        hub.faults().on("cdn").times(1).cutAfter(400_000);
        hub.faults().on("cdn").times(1).ignoreRange();
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            assertThat(download(client)).hasBinaryContent(content);
        }
        assertThat(cdnRanges()).containsExactly(null, "bytes=400000-");
    }

    @Test
    void anExpiredCdnUrlIsResolvedAgain() throws IOException {
        lfsRepo();
        ProgressListener expireOnStart = new ProgressListener() {
            @Override
            public void started(String name, long total, long alreadyDone) {
                hub.faults().expireCdnUrls(); // the URL from the HEAD is now stale
            }
        };
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            Path path = client.download(FileRequest.builder("acme/weights", "model.bin").progress(expireOnStart).build());
            assertThat(path).hasBinaryContent(content);
        }
        assertThat(hub.requests("cdn")).extracting(RecordedRequest::status).containsExactly(403, 200);
        assertThat(hub.requests("hub")).extracting(RecordedRequest::method).containsExactly("HEAD", "HEAD");
    }

    @Test
    void aPartialFileFromAnEarlierProcessIsResumed() throws Exception {
        RepoBuilder repo = lfsRepo();
        String sha = sha256(content);
        Path blobs = Files.createDirectories(cache.resolve("models--acme--weights/blobs"));
        Path partial = blobs.resolve(sha + ".incomplete");
        Files.write(partial, Arrays.copyOf(content, 123_456));
        Owner dead = new Owner("gone", 999_999_999L, "some-other-host", 0);
        new ResumeState(1, "url", sha, SIZE, repo.commit(), 123_456, 0, 0, dead, null).write(ResumeState.pathFor(partial));
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            assertThat(download(client)).hasBinaryContent(content);
        }
        assertThat(cdnRanges()).containsExactly("bytes=123456-");
        assertThat(listener.events).contains("started model.bin " + SIZE + " 123456");
        assertNoLeftovers();
    }

    @Test
    void aPartialFileOfALiveForeignOwnerIsAdoptedOnlyWhenItsLeaseExpires() throws Exception {
        RepoBuilder repo = lfsRepo();
        String sha = sha256(content);
        Path blobs = Files.createDirectories(cache.resolve("models--acme--weights/blobs"));
        Path partial = blobs.resolve(sha + ".incomplete");
        Files.write(partial, Arrays.copyOf(content, 200_000));
        // Another host's process whose file lock we cannot see (locks lie on network filesystems): its heartbeat
        // is fresh, so we must wait for its lease to run out before touching its partial file.
        long now = System.currentTimeMillis();
        new ResumeState(1, "url", sha, SIZE, repo.commit(), 200_000, now, now, new Owner("other", 42, "other-host", now), null)
                .write(ResumeState.pathFor(partial));
        long start = System.nanoTime();
        try (HfHub client = TestHubs.builder(hub.server(), cache).lease(Duration.ofMillis(700)).build()) {
            assertThat(download(client)).hasBinaryContent(content);
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(600);
        assertThat(cdnRanges()).containsExactly("bytes=200000-");
    }

    @Test
    void aFailedTransferReleasesItsLeaseSoARetryInTheSameProcessResumesAtOnce() throws IOException {
        lfsRepo();
        hub.faults().on("cdn").times(1).cutAfter(3_000_000);
        hub.faults().on("cdn").always().status(503);
        try (HfHub client = TestHubs.builder(hub.server(), cache).maxAttempts(2).lease(Duration.ofMinutes(5)).build()) {
            assertThatThrownBy(() -> download(client)).isInstanceOf(HfHubException.class);
            hub.faults().clear();
            long start = System.nanoTime();
            assertThat(download(client)).hasBinaryContent(content);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMinutes(1)); // not the lease
        }
        assertThat(cdnRanges().get(cdnRanges().size() - 1)).isEqualTo("bytes=3000000-");
    }

    @Test
    void aPartialFileBeingAppendedByAnotherClientIsWaitedFor() throws Exception {
        // The Python client 0.36 appends to the same blobs/<etag>.incomplete, keeps no state, and its flock is
        // invisible to Java's locks: a partial file without state that changed within the lease is left alone.
        lfsRepo();
        Path blobs = Files.createDirectories(cache.resolve("models--acme--weights/blobs"));
        Path partial = blobs.resolve(sha256(content) + ".incomplete");
        Files.write(partial, Arrays.copyOf(content, 1000));
        long start = System.nanoTime();
        try (HfHub client = TestHubs.builder(hub.server(), cache).lease(Duration.ofMillis(800)).build()) {
            assertThat(download(client)).hasBinaryContent(content);
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(600);
        assertThat(cdnRanges()).containsExactly((String) null); // then restarted: a file without state is not trusted
    }

    @Test
    void aPartialFileOfAnotherVersionIsDiscardedNotSpliced() throws Exception {
        lfsRepo();
        String sha = sha256(content);
        Path blobs = Files.createDirectories(cache.resolve("models--acme--weights/blobs"));
        Path partial = blobs.resolve(sha + ".incomplete");
        Files.write(partial, new byte[123_456]);
        new ResumeState(1, "url", sha, SIZE + 1, "c", 123_456, 0, 0, new Owner("gone", 999_999_999L, "x", 0), null)
                .write(ResumeState.pathFor(partial));
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            assertThat(download(client)).hasBinaryContent(content);
        }
        assertThat(cdnRanges()).containsExactly((String) null);
    }

    @Test
    void aPartialFileWithoutStateIsNotTrusted() throws Exception {
        lfsRepo();
        Path blobs = Files.createDirectories(cache.resolve("models--acme--weights/blobs"));
        Path leftover = Files.write(blobs.resolve(sha256(content) + ".incomplete"), new byte[5000]);
        // left by a crash an hour ago: no state, nobody writing
        Files.setLastModifiedTime(leftover, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            assertThat(download(client)).hasBinaryContent(content);
        }
        assertThat(cdnRanges()).containsExactly((String) null);
    }

    @Test
    void theBandwidthLimitHoldsTheTransferBack() throws IOException {
        lfsRepo();
        long limit = SIZE / 2; // bytes per second; the bucket allows at most one second of burst
        long start = System.nanoTime();
        try (HfHub client = TestHubs.builder(hub.server(), cache).bandwidthLimit(limit).build()) {
            assertThat(download(client)).hasBinaryContent(content);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(seconds).isGreaterThanOrEqualTo((SIZE - limit) / (double) limit * 0.9);
    }

    @Test
    void anInterruptedThrottledDownloadStopsAndKeepsItsPartialFile() throws Exception {
        lfsRepo();
        try (HfHub client = TestHubs.builder(hub.server(), cache).bandwidthLimit(SIZE / 10).build()) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                java.util.concurrent.Future<Path> running = pool.submit(() -> download(client));
                Path partial = cache.resolve("models--acme--weights/blobs/" + sha256(content) + ".incomplete");
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (!(Files.exists(partial) && Files.size(partial) > 0) && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                running.cancel(true); // interrupts the download while the throttle holds a filled buffer
                pool.shutdown();
                // it must not hang waiting for a buffer that was never given back to the writer
                assertThat(pool.awaitTermination(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                assertThat(partial).exists();
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aPartialFileDeletedDuringTheDownloadTakesItsResumeStateAlong() throws Exception {
        lfsRepo();
        Path partial = cache.resolve("models--acme--weights/blobs/" + sha256(content) + ".incomplete");
        java.util.concurrent.atomic.AtomicBoolean deleted = new java.util.concurrent.atomic.AtomicBoolean();
        ProgressListener remover = new ProgressListener() {
            @Override
            public void progress(String name, long done, long total) {
                if (done > 2_000_000 && deleted.compareAndSet(false, true)) {
                    try {
                        Files.delete(partial); // as `hfhub cache delete` does to a download in progress
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        };
        try (HfHub client = TestHubs.builder(hub.server(), cache).parallelRanges(1).build()) {
            assertThatThrownBy(() -> client.download(FileRequest.builder("acme/weights", "model.bin").progress(remover)
                    .build())).isInstanceOf(HfHubException.class).hasMessageContaining("nothing was kept");
        }
        try (Stream<Path> blobs = Files.list(cache.resolve("models--acme--weights/blobs"))) {
            assertThat(blobs).isEmpty(); // no orphan .incomplete.json for a partial file that is gone
        }
    }

    @Test
    void aWriterWhoseLeaseWasTakenOverStopsInsteadOfWritingOn() throws Exception {
        RepoBuilder repo = lfsRepo();
        String sha = sha256(content);
        Path stateFile = ResumeState.pathFor(cache.resolve("models--acme--weights/blobs/" + sha + ".incomplete"));
        java.util.concurrent.atomic.AtomicBoolean takenOver = new java.util.concurrent.atomic.AtomicBoolean();
        ProgressListener thief = new ProgressListener() {
            @Override
            public void progress(String name, long done, long total) {
                if (done > 2_000_000 && takenOver.compareAndSet(false, true)) {
                    // another process adopts the partial file, as it may once our lease looks expired
                    long now = System.currentTimeMillis();
                    try {
                        new ResumeState(1, "url", sha, SIZE, repo.commit(), done, now, now,
                                new Owner("thief", 42, "other-host", now), null).write(stateFile);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        };
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (HfHub client = TestHubs.builder(hub.server(), cache).bandwidthLimit(SIZE / 4).lease(Duration.ofMillis(400)).build()) {
            java.util.concurrent.Future<Path> running = pool.submit(() ->
                    client.download(FileRequest.builder("acme/weights", "model.bin").progress(thief).build()));
            // it stops at its next ownership check, and must not hang on the buffer it was holding
            assertThatThrownBy(() -> running.get(20, java.util.concurrent.TimeUnit.SECONDS))
                    .hasCauseInstanceOf(HfHubException.class).hasMessageContaining("took over");
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.resolve("models--acme--weights/snapshots")).doesNotExist();
    }

    @Test
    void progressEventsComeInOrder() throws IOException {
        lfsRepo();
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            download(client);
        }
        assertThat(listener.events).containsExactly("started model.bin " + SIZE + " 0", "finished model.bin " + SIZE);
    }

    @Test
    void openStreamsFromTheNetworkThroughFaultsWithoutFillingTheCache() throws IOException {
        lfsRepo();
        hub.faults().on("cdn").times(2).cutAfter(300_000);
        try (HfHub client = TestHubs.builder(hub.server(), cache).build();
                InputStream in = client.open(FileRequest.of("acme/weights", "model.bin"))) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        assertThat(cache.resolve("models--acme--weights/snapshots")).doesNotExist();
    }

    @Test
    void openStreamsReadInTurnNeverWaitForAConnectionSlot() {
        // The caller paces an open() stream: holding a download slot while it reads another one would hang.
        lfsRepo();
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try (HfHub client = TestHubs.builder(hub.server(), cache).maxConnections(1).build();
                    InputStream a = client.open(FileRequest.of("acme/weights", "model.bin"));
                    InputStream b = client.open(FileRequest.of("acme/weights", "model.bin"))) {
                byte[] first = a.readNBytes(1000);
                assertThat(b.readAllBytes()).isEqualTo(content);
                assertThat(first).isEqualTo(Arrays.copyOf(content, 1000));
            }
        });
    }

    @Test
    void openDetectsCorruptionAtTheEndOfTheStream() throws IOException {
        lfsRepo();
        hub.faults().on("cdn").times(1).corruptByteAt(5);
        try (HfHub client = TestHubs.builder(hub.server(), cache).build();
                InputStream in = client.open(FileRequest.of("acme/weights", "model.bin"))) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(ChecksumMismatchException.class);
        }
    }

    @Test
    void openReadsFromTheCacheWhenPresent() throws IOException {
        RepoBuilder repo = lfsRepo();
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            download(client);
            hub.clearRequests();
            try (InputStream in = client.open(FileRequest.builder("acme/weights", "model.bin").revision(repo.commit()).build())) {
                assertThat(in.readAllBytes()).isEqualTo(content);
            }
        }
        assertThat(hub.requests()).isEmpty();
    }

    private void assertNoLeftovers() throws IOException {
        try (Stream<Path> blobs = Files.list(cache.resolve("models--acme--weights/blobs"))) {
            assertThat(blobs.map(p -> p.getFileName().toString())).containsExactly(sha256(content));
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
