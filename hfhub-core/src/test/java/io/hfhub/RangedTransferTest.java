package io.hfhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.testkit.HubServerExtension;
import io.hfhub.testkit.RecordedRequest;
import io.hfhub.testkit.RepoBuilder;
import io.hfhub.transfer.ByteRange;
import io.hfhub.transfer.Owner;
import io.hfhub.transfer.ResumeState;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Parallel ranged downloads of one large file against the testkit CDN, under its faults. */
class RangedTransferTest {
    private static final long SIZE = 40L << 20;
    private static final long CHUNK = 4L << 20;
    private static final int CHUNKS = (int) (SIZE / CHUNK);

    @TempDir
    static Path shared;
    static Path source;
    static String sha;

    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path cache;

    private final Recorder listener = new Recorder();

    @BeforeAll
    static void createTheFile() throws Exception {
        source = shared.resolve("model.bin");
        Random random = new Random(42);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(source)) {
            for (long written = 0; written < SIZE; written += block.length) {
                random.nextBytes(block);
                digest.update(block);
                out.write(block);
            }
        }
        sha = HexFormat.of().formatHex(digest.digest());
    }

    private RepoBuilder lfsRepo() {
        return hub.repo("acme/weights").lfsFile("model.bin", source);
    }

    private HfHub.Builder client() {
        return TestHubs.builder(hub.server(), cache).parallelRanges(8).rangeThreshold(1 << 20).rangeChunkSize(CHUNK);
    }

    private Path download(HfHub client) {
        return client.download(FileRequest.builder("acme/weights", "model.bin").progress(listener).build());
    }

    private List<RecordedRequest> cdnGets() {
        return hub.requests("cdn").stream().filter(r -> r.method().equals("GET")).toList();
    }

    private List<String> cdnRanges() {
        return cdnGets().stream().map(RecordedRequest::range).toList();
    }

    private static List<String> chunks(long from, long to) {
        List<String> out = new ArrayList<>();
        for (long start = from; start < to; start += CHUNK) {
            out.add("bytes=" + start + "-" + (Math.min(start + CHUNK, to) - 1));
        }
        return out;
    }

    @Test
    void aLargeFileIsFetchedAsConcurrentRanges() throws IOException {
        lfsRepo();
        hub.faults().on("cdn").throttlePerConnection(20_000_000); // one stream would need 2.1 s
        try (HfHub client = client().build()) {
            long start = System.nanoTime();
            Path path = download(client);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(path).hasSameBinaryContentAs(source);
            assertThat(seconds).isLessThan(1.5);
        }
        assertThat(cdnRanges()).containsExactlyInAnyOrderElementsOf(chunks(0, SIZE));
        assertThat(cdnGets()).allMatch(r -> r.status() == 206);
        assertThat(listener.progressThreads).hasSizeGreaterThanOrEqualTo(2);
        assertThat(listener.events).first().isEqualTo("started model.bin " + SIZE + " 0");
        assertThat(listener.events).last().isEqualTo("finished model.bin " + SIZE);
        assertNoLeftovers();
    }

    @Test
    void aCutConnectionResumesItsOwnRangeWhereItStopped() throws IOException {
        lfsRepo();
        hub.faults().on("cdn").times(1).cutAfter(1_000_000);
        try (HfHub client = client().build()) {
            assertThat(download(client)).hasSameBinaryContentAs(source);
        }
        List<String> ranges = cdnRanges();
        assertThat(ranges).hasSize(CHUNKS + 1).containsAll(chunks(0, SIZE));
        List<String> resumed = new ArrayList<>(ranges);
        chunks(0, SIZE).forEach(resumed::remove);
        long cutChunk = Long.parseLong(resumed.get(0).replaceAll("bytes=(\\d+)-.*", "$1")) - 1_000_000;
        assertThat(cutChunk % CHUNK).isZero();
        assertThat(resumed).containsExactly("bytes=" + (cutChunk + 1_000_000) + "-" + (cutChunk + CHUNK - 1));
        assertThat(listener.events).filteredOn(e -> e.startsWith("retrying")).hasSize(1);
        assertNoLeftovers();
    }

    @Test
    void a503OnOneRangeRetriesJustThatRange() throws IOException {
        lfsRepo();
        hub.faults().on("cdn").times(1).status(503);
        try (HfHub client = client().build()) {
            assertThat(download(client)).hasSameBinaryContentAs(source);
        }
        List<RecordedRequest> gets = cdnGets();
        assertThat(gets).hasSize(CHUNKS + 1);
        String failed = gets.stream().filter(r -> r.status() == 503).map(RecordedRequest::range).findFirst().orElseThrow();
        assertThat(gets).filteredOn(r -> failed.equals(r.range())).extracting(RecordedRequest::status)
                .containsExactly(503, 206);
        assertThat(cdnRanges()).containsExactlyInAnyOrderElementsOf(concat(chunks(0, SIZE), List.of(failed)));
    }

    @Test
    void theRetryBudgetIsPerRangeAndNoThreadOutlivesAFailure() {
        lfsRepo();
        hub.faults().on("cdn").always().status(503);
        try (HfHub client = client().maxAttempts(3).build()) {
            assertThatThrownBy(() -> download(client)).isInstanceOf(HfHubException.class)
                    .hasMessageContaining("3 attempts without progress");
        }
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("hfhub-range-"));
        assertThat(cache.resolve("models--acme--weights/snapshots")).doesNotExist();
    }

    @Test
    void aServerIgnoringRangeOnceFallsBackToOneStream() throws IOException {
        lfsRepo();
        hub.faults().on("cdn").times(1).ignoreRange();
        try (HfHub client = client().build()) {
            assertThat(download(client)).hasSameBinaryContentAs(source);
        }
        List<RecordedRequest> gets = cdnGets();
        assertThat(gets).filteredOn(r -> r.status() == 200 && r.range() != null && r.range().matches("bytes=\\d+-\\d+"))
                .hasSize(1);
        String last = gets.get(gets.size() - 1).range();
        assertThat(last == null || last.matches("bytes=\\d+-")).as("one open-ended stream last: %s", last).isTrue();
        assertThat(listener.events).anyMatch(e -> e.contains("continuing as one stream"));
        assertThat(listener.events).filteredOn(e -> e.startsWith("started")).hasSize(1);
        assertNoLeftovers();
    }

    @Test
    void aServerThatNeverHonoursRangeGetsOneStreamFromZero() throws IOException {
        lfsRepo();
        hub.faults().on("cdn").always().ignoreRange();
        try (HfHub client = client().build()) {
            assertThat(download(client)).hasSameBinaryContentAs(source);
        }
        // One GET without Range: the one stream from zero. Not "the last request": the server numbers a request when
        // it has read it, and one sent by a connection of the parallel pass just before that pass stopped can be read
        // after the one stream's (a cancelled connection's bytes wait in the server's socket; seen in CI under load).
        assertThat(cdnRanges()).filteredOn(java.util.Objects::isNull).hasSize(1);
        assertNoLeftovers();
    }

    @Test
    void aKilledRangedDownloadFetchesOnlyTheMissingRanges() throws Exception {
        RepoBuilder repo = lfsRepo();
        Path partial = Files.createDirectories(cache.resolve("models--acme--weights/blobs")).resolve(sha + ".incomplete");
        long a = 8L << 20;
        long b = 16L << 20;
        long c = 24L << 20;
        // Finished: [0, 8 MiB) and [16 MiB, 24 MiB) plus a sub-range of the chunk at 28 MiB; the rest never arrived.
        long sub = (28L << 20) + 1_000_000;
        copyRange(partial, 0, a);
        copyRange(partial, b, c);
        copyRange(partial, 28L << 20, sub);
        try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[1]), SIZE - 1); // pre-sized, as a ranged download leaves it
        }
        List<ByteRange> done = List.of(new ByteRange(0, a - 1), new ByteRange(b, c - 1), new ByteRange(28L << 20, sub - 1));
        Owner dead = new Owner("gone", 999_999_999L, "some-other-host", 0);
        new ResumeState(1, "url", sha, SIZE, repo.commit(), a + (c - b) + 1_000_000, 0, 0, dead, done)
                .write(ResumeState.pathFor(partial));
        try (HfHub client = client().build()) {
            assertThat(download(client)).hasSameBinaryContentAs(source);
        }
        List<String> expected = concat(chunks(a, b), chunks(c, 28L << 20), chunks(sub, SIZE));
        assertThat(cdnRanges()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(listener.events).contains("started model.bin " + SIZE + " " + (a + (c - b) + 1_000_000));
        assertNoLeftovers();
    }

    @Test
    void aSequentialPartialFileCountsAsAFinishedFirstRange() throws Exception {
        RepoBuilder repo = lfsRepo();
        Path partial = Files.createDirectories(cache.resolve("models--acme--weights/blobs")).resolve(sha + ".incomplete");
        copyRange(partial, 0, 5_000_000);
        Owner dead = new Owner("gone", 999_999_999L, "some-other-host", 0);
        new ResumeState(1, "url", sha, SIZE, repo.commit(), 5_000_000, 0, 0, dead, null).write(ResumeState.pathFor(partial));
        try (HfHub client = client().build()) {
            assertThat(download(client)).hasSameBinaryContentAs(source);
        }
        assertThat(cdnRanges()).containsExactlyInAnyOrderElementsOf(chunks(5_000_000, SIZE));
    }

    @Test
    void aCorruptedByteIsCaughtAndOneFreshAttemptMade() throws IOException {
        lfsRepo();
        hub.faults().on("cdn").times(CHUNKS).corruptByteAt(20_000_000); // every request of the first pass
        try (HfHub client = client().build()) {
            assertThat(download(client)).hasSameBinaryContentAs(source);
        }
        assertThat(listener.events).anyMatch(e -> e.contains("verification failed"));
        assertThat(cdnRanges()).hasSize(2 * CHUNKS).containsAll(chunks(0, SIZE));
        assertNoLeftovers();
    }

    @Test
    void corruptionTwiceFailsWithChecksumMismatchAndNothingInTheCache() throws IOException {
        lfsRepo();
        hub.faults().on("cdn").always().corruptByteAt(SIZE - 1);
        try (HfHub client = client().build()) {
            assertThatThrownBy(() -> download(client)).isInstanceOf(ChecksumMismatchException.class);
        }
        try (Stream<Path> blobs = Files.list(cache.resolve("models--acme--weights/blobs"))) {
            // no blob, and no orphan resume state of a partial file that was deleted
            assertThat(blobs.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.matches("[0-9a-f]{64}") || n.endsWith(".incomplete.json"));
        }
        assertThat(cache.resolve("models--acme--weights/snapshots")).doesNotExist();
    }

    @Test
    void theBandwidthLimitCoversAllConnectionsTogether() throws IOException {
        lfsRepo();
        long limit = 20_000_000; // bytes per second; the bucket allows at most one second of burst
        long start = System.nanoTime();
        try (HfHub client = client().bandwidthLimit(limit).build()) {
            assertThat(download(client)).hasSameBinaryContentAs(source);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(seconds).isGreaterThanOrEqualTo((SIZE - limit) / (double) limit * 0.9);
        // every byte asked for, and again only what a connection the controller let go had not read yet (under
        // the limit every level carries the same, so it goes down to one stream, which asks for the chunks queued
        // after its own in one request): at most the rest of a chunk per request starting inside one
        List<String> ranges = cdnRanges();
        assertThat(ranges).doesNotHaveDuplicates();
        List<long[]> spans = ranges.stream()
                .map(r -> new long[] {
                    Long.parseLong(r.substring(6, r.indexOf('-'))), Long.parseLong(r.substring(r.indexOf('-') + 1))})
                .sorted(java.util.Comparator.comparingLong(a -> a[0])).toList();
        long coveredTo = 0; // every byte below it asked for
        for (long[] span : spans) {
            assertThat(span[0]).isLessThanOrEqualTo(coveredTo);
            coveredTo = Math.max(coveredTo, span[1] + 1);
        }
        assertThat(coveredTo).isEqualTo(SIZE);
        long asked = spans.stream().mapToLong(a -> a[1] - a[0] + 1).sum();
        long rests = spans.stream().filter(a -> a[0] % CHUNK != 0).count();
        assertThat(asked).isLessThanOrEqualTo(SIZE + rests * CHUNK);
    }

    @Test
    void oneConnectionOrASmallFileMeansOneStream() throws IOException {
        lfsRepo();
        try (HfHub client = client().parallelRanges(1).build()) {
            assertThat(download(client)).hasSameBinaryContentAs(source);
        }
        assertThat(cdnRanges()).containsExactly((String) null);
        hub.clearRequests();
        try (HfHub client = TestHubs.builder(hub.server(), cache.resolve("other")).rangeThreshold(SIZE + 1).build()) {
            assertThat(download(client)).hasSameBinaryContentAs(source);
        }
        assertThat(cdnRanges()).containsExactly((String) null);
    }

    private static void copyRange(Path partial, long from, long to) throws IOException {
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) (to - from));
            in.read(buffer, from);
            buffer.flip();
            out.write(buffer, from);
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) {
            out.addAll(l);
        }
        return out;
    }

    private void assertNoLeftovers() throws IOException {
        try (Stream<Path> blobs = Files.list(cache.resolve("models--acme--weights/blobs"))) {
            assertThat(blobs.map(p -> p.getFileName().toString())).containsExactly(sha);
        }
    }

    /** Records events and the threads that reported progress. */
    static final class Recorder implements ProgressListener {
        final TestHubs.RecordingListener recording = new TestHubs.RecordingListener();
        final List<String> events = recording.events;
        final Set<String> progressThreads = ConcurrentHashMap.newKeySet();

        @Override
        public void started(String name, long total, long alreadyDone) {
            recording.started(name, total, alreadyDone);
        }

        @Override
        public void progress(String name, long done, long total) {
            progressThreads.add(Thread.currentThread().getName());
        }

        @Override
        public void retrying(String name, int attempt, String reason, long delayMillis) {
            recording.retrying(name, attempt, reason, delayMillis);
        }

        @Override
        public void finished(String name, long total) {
            recording.finished(name, total);
        }

        @Override
        public void failed(String name, Throwable error) {
            recording.failed(name, error);
        }
    }
}
