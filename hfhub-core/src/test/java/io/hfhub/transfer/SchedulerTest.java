package io.hfhub.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.ChecksumMismatchException;
import io.hfhub.HfHubException;
import io.hfhub.ProgressListener;
import io.hfhub.http.Backoff;
import io.hfhub.http.HubCall;
import io.hfhub.http.RetryPolicy;
import io.hfhub.store.BlobName;
import io.hfhub.store.CommitHash;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler's decisions on each {@link Outcome}, with an in-memory {@link RangeSource} scripted to answer as a
 * server would (no socket): ranges assembled, one stream after an ignored {@code Range}, a lying server stopped by
 * the budget, corruption refused after one fresh attempt.
 */
class SchedulerTest {
    @TempDir
    Path blobs;

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final ProgressListener listener = new ProgressListener() {
        @Override
        public void retrying(String name, int attempt, String reason, long delayMillis) {
            events.add("retrying " + reason);
        }

        @Override
        public void failed(String name, Throwable error) {
            events.add("failed " + error.getMessage());
        }
    };

    /** Answers each open with what {@code script} says for (from, end). */
    private static final class Scripted implements RangeSource {
        final List<String> opened = new CopyOnWriteArrayList<>();
        final List<Thread> threads = new CopyOnWriteArrayList<>();
        final Script script;
        int restarts;

        Scripted(Script script) {
            this.script = script;
        }

        @Override
        public Opening open(long from, long end, Consumer<HubCall> onCall) {
            opened.add(from + "-" + (end < 0 ? "" : end));
            threads.add(Thread.currentThread());
            return script.answer(from, end, opened.size());
        }

        @Override
        public void restarting() {
            restarts++;
        }
    }

    interface Script {
        RangeSource.Opening answer(long from, long end, int attempt);
    }

    private static RangeSource.Body body(byte[] content, long from, long end) {
        int to = (int) (end < 0 ? content.length - 1 : end);
        return new RangeSource.Body(new ByteArrayInputStream(content, (int) from, to - (int) from + 1), from, false);
    }

    /** Ranges for files of 1 MiB and more, as many connections as given. */
    private static TransferContext context(int connections, long chunkSize) {
        return new TransferContext(null, Throttle.NONE, new RetryPolicy(3, Backoff.DEFAULT, d -> {}), Clock.systemUTC(),
                Duration.ofMinutes(1), false, 64 * 1024, connections, 1 << 20, chunkSize, new ConnectionBudget(16));
    }

    private TransferTarget target(byte[] content) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        return new TransferTarget("f.bin", "http://hub/resolve", CommitHash.of("a".repeat(40)), BlobName.of(sha),
                content.length, blobs.resolve(sha + ".incomplete"), blobs.resolve(sha));
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private Path download(TransferContext ctx, TransferTarget target, RangeSource source) {
        return Scheduler.download(ctx, target, source, listener, Owner.newForThisProcess(System.currentTimeMillis()),
                ctx.rangeChunkSize());
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(blobs)) {
            return files.filter(p -> !p.getFileName().toString().matches("[0-9a-f]{64}")).toList();
        }
    }

    @Test
    void parallelRangesAssembleTheFileAndPublishIt() throws Exception {
        byte[] content = random(9 << 20);
        TransferTarget target = target(content);
        Scripted source = new Scripted((from, end, n) -> body(content, from, end));
        assertThat(download(context(4, 1 << 20), target, source)).hasBinaryContent(content);
        assertThat(source.opened).hasSize(9).allMatch(r -> r.matches("\\d+-\\d+"));
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void connectionsLetGoMidRangeLeaveTheirRestAndTheOneLeftAsksForWhatIsQueuedInLargerRequests() throws Exception {
        byte[] content = random(9 << 20);
        TransferTarget target = target(content);
        Scripted source = new Scripted((from, end, n) -> body(content, from, end));
        // Every read moves the controller's clock by 20 ms: its 150 ms windows end every few reads, so the opening
        // trial (4 connections, 3, then one stream, which carries as much here) lets connections go mid-range, long
        // before the file ends.
        AtomicLong clock = new AtomicLong();
        Path blob = Scheduler.download(context(4, 256 << 10), target, source, listener,
                Owner.newForThisProcess(System.currentTimeMillis()), 256 << 10, () -> clock.addAndGet(20_000_000L));

        assertThat(blob).hasBinaryContent(content);
        assertThat(leftovers()).isEmpty();
        // the one stream left asks for the chunks queued after its range in one request: were it each of the 36
        // chunks of 256 KiB (or their rests) one by one, no request would span more than one
        assertThat(source.opened).anyMatch(r -> {
            String[] fromTo = r.split("-");
            return Long.parseLong(fromTo[1]) - Long.parseLong(fromTo[0]) + 1 > (256 << 10);
        });
        assertThat(source.opened).hasSizeLessThan(36);
    }

    @Test
    void aSmallFileIsOneStreamOnTheCallingThread() throws Exception {
        byte[] content = random(300_000);
        Scripted source = new Scripted((from, end, n) -> body(content, from, end));
        assertThat(download(context(8, 1 << 20), target(content), source)).hasBinaryContent(content);
        assertThat(source.opened).containsExactly("0-");
        assertThat(source.threads).containsOnly(Thread.currentThread());
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aWholeFileAnswerToARangeContinuesAsOneStreamAfterThePrefix() throws Exception {
        byte[] content = random(9 << 20);
        // Ranges are honoured until the one at 5 MiB, whose answer is the whole file; from then on, always.
        Scripted source = new Scripted((from, end, n) -> from >= (5 << 20) || end < 0
                ? new RangeSource.Body(new ByteArrayInputStream(content), 0, true)
                : body(content, from, end));
        assertThat(download(context(2, 1 << 20), target(content), source)).hasBinaryContent(content);
        assertThat(events).anyMatch(e -> e.contains("continuing as one stream from byte"));
        assertThat(source.opened.get(source.opened.size() - 1)).matches("\\d+-"); // open-ended, after the prefix
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aServerThatKeepsContradictingItselfIsStoppedByTheBudget() throws Exception {
        byte[] content = random(50);
        // 5 bytes of the 50 and the connection closes; a resume is "not satisfiable"; then the same 5 bytes again
        Scripted source = new Scripted((from, end, n) -> from == 0
                ? new RangeSource.Body(new ByteArrayInputStream(content, 0, 5), 0, false)
                : new RangeSource.Refused(new Outcome.RestartFromZero("range not satisfiable (416)")));
        assertThatThrownBy(() -> download(context(1, 1 << 20), target(content), source))
                .isInstanceOf(HfHubException.class).hasMessageContaining("attempts without progress");
        assertThat(source.opened).hasSizeLessThanOrEqualTo(6);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void corruptBytesGetOneFreshAttemptThenAreRefused() throws Exception {
        byte[] content = random(100_000);
        byte[] corrupt = content.clone();
        corrupt[500] ^= 1;
        Scripted source = new Scripted((from, end, n) -> body(corrupt, from, end));
        TransferTarget target = target(content);
        assertThatThrownBy(() -> download(context(1, 1 << 20), target, source))
                .isInstanceOf(ChecksumMismatchException.class).hasMessageContaining("verification twice");
        assertThat(source.restarts).isEqualTo(1);
        assertThat(source.opened).hasSize(2);
        assertThat(target.blob()).doesNotExist();
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aCutBodyContinuesWhereItStoppedAndCountsAsProgress() throws Exception {
        byte[] content = random(9 << 20);
        // every answer breaks after 1 MiB: more cuts than the budget's 3 attempts, but each one makes progress
        Scripted source = new Scripted((from, end, n) -> new RangeSource.Body(
                new Cut(new ByteArrayInputStream(content, (int) from, content.length - (int) from), 1 << 20), from, false));
        assertThat(download(context(1, 1 << 20), target(content), source)).hasBinaryContent(content);
        assertThat(source.opened).hasSize(9).first().isEqualTo("0-");
        assertThat(source.opened).allMatch(r -> r.endsWith("-"));
        assertThat(leftovers()).isEmpty();
    }

    /** A body whose connection breaks after {@code limit} bytes. */
    private static final class Cut extends InputStream {
        private final InputStream in;
        private int left;

        Cut(InputStream in, int limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                throw new IOException("connection reset");
            }
            int n = in.read(b, off, Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
