package io.hfhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.testkit.HubServerExtension;
import io.hfhub.testkit.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cancelling a download: an interrupt of the calling thread, or {@code cancel(true)} on the future of the async
 * form, ends it with {@link DownloadCancelledException}, keeps the partial file, and the next call resumes it.
 */
@Timeout(90)
class CancellationTest {
    /** Over the 8 MiB below which a partial file is not kept, under the 32 MiB of parallel ranges: one stream. */
    private static final int SIZE = 9 << 20;

    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path cache;

    private final byte[] weights = LoggingTest.bytes(SIZE);

    /**
     * A lease far longer than the test's timeout: a cancelled download must hand its lease back, or the next call
     * would wait it out before resuming.
     */
    private HfHub client() {
        return TestHubs.builder(hub.server(), cache).lease(Duration.ofMinutes(10)).build();
    }

    private Path incomplete() throws Exception {
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(weights));
        return cache.resolve("models--acme--big/blobs/" + sha256 + ".incomplete");
    }

    @Test
    void interruptingTheCallingThreadCancelsAndTheNextCallResumes() throws Exception {
        hub.repo("acme/big").lfsFile("w.bin", weights);
        hub.server().faults().on("cdn").throttlePerConnection(1_000_000);
        Path partial = incomplete();
        try (HfHub client = client()) {
            Interrupted run = new Interrupted(client);
            awaitTrue(() -> size(partial) >= 300_000);
            run.interruptAndJoin();
            assertThat(run.failure.get()).isInstanceOf(DownloadCancelledException.class)
                    .hasMessageContaining("'w.bin' from 'acme/big' was cancelled");
            assertThat(run.flagSet).as("the interrupt flag is set again").isTrue();

            long kept = size(partial);
            assertThat(kept).isBetween(300_000L, SIZE - 1L);
            assertResumesFrom(client, kept);
        }
    }

    @Test
    void cancellingTheFutureInterruptsTheDownloadAndTheNextCallResumes() throws Exception {
        hub.repo("acme/big").lfsFile("w.bin", weights);
        hub.server().faults().on("cdn").throttlePerConnection(1_000_000);
        Path partial = incomplete();
        try (HfHub client = client()) {
            CompletableFuture<Path> future = client.downloadAsync(FileRequest.of("acme/big", "w.bin"));
            awaitTrue(() -> size(partial) >= 300_000);
            assertThat(future.cancel(true)).isTrue();
            assertThat(future).isCancelled();
            assertThatThrownBy(future::join).isInstanceOf(CancellationException.class);
            // the next call waits for the cancelled one to stop, then continues from the bytes it left
            hub.server().faults().clear();
            hub.server().clearRequests();
            assertThat(Files.readAllBytes(client.download("acme/big", "w.bin"))).isEqualTo(weights);
            List<RecordedRequest> gets = cdnGets();
            assertThat(gets).hasSize(1);
            assertThat(gets.get(0).range()).matches("bytes=\\d+-");
            assertThat(Long.parseLong(gets.get(0).range().replaceAll("\\D", ""))).isGreaterThanOrEqualTo(300_000);
        }
    }

    @Test
    void cancellingASnapshotStopsItsWorkersAndTheNextSnapshotResumes() throws Exception {
        hub.repo("acme/big").lfsFile("w.bin", weights).file("config.json", "{}");
        hub.server().faults().on("cdn").throttlePerConnection(1_000_000);
        Path partial = incomplete();
        try (HfHub client = client()) {
            CompletableFuture<Path> future = client.snapshotAsync(SnapshotRequest.builder("acme/big").build());
            awaitTrue(() -> size(partial) >= 300_000);
            assertThat(future.cancel(true)).isTrue();
            hub.server().faults().clear();
            hub.server().clearRequests();
            Path snapshot = client.snapshot(SnapshotRequest.builder("acme/big").build());
            assertThat(Files.readAllBytes(snapshot.resolve("w.bin"))).isEqualTo(weights);
            List<RecordedRequest> gets = cdnGets();
            assertThat(gets).hasSize(1);
            assertThat(Long.parseLong(gets.get(0).range().replaceAll("\\D", ""))).isGreaterThanOrEqualTo(300_000);
        }
    }

    /**
     * A read blocked on a server that sends nothing is not woken by an interrupt (the JDK's HTTP client, platform
     * threads): the stall timeout ends it, and then the download stops as cancelled instead of retrying.
     */
    @Test
    void anInterruptedDownloadStalledOnASilentServerStopsAtTheStallTimeoutWithoutRetrying() throws Exception {
        hub.repo("acme/big").lfsFile("w.bin", weights);
        hub.server().faults().on("cdn").stallAfter(600_000, Duration.ofSeconds(60));
        Path partial = incomplete();
        try (HfHub client = TestHubs.builder(hub.server(), cache).lease(Duration.ofMinutes(10))
                .downloadTimeout(Duration.ofSeconds(2)).build()) {
            Interrupted run = new Interrupted(client);
            awaitTrue(() -> size(partial) >= 256 << 10); // one read buffer written; the rest waits in the next
            run.interruptAndJoin();
            assertThat(run.failure.get()).isInstanceOf(DownloadCancelledException.class);
            assertThat(cdnGets()).as("no attempt after the interrupt").hasSize(1);
            assertResumesFrom(client, size(partial));
        }
    }

    @Test
    void anInterruptedThreadStartsNoRequest() throws Exception {
        hub.repo("acme/small").file("a.txt", "a");
        try (HfHub client = client()) {
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> client.download("acme/small", "a.txt")).isInstanceOf(DownloadCancelledException.class)
                        .hasMessageContaining("cancelled before it started");
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            assertThat(hub.server().requests()).isEmpty();
            assertThat(Files.readString(client.download("acme/small", "a.txt"))).isEqualTo("a");
        }
    }

    @Test
    void asyncFormsRunOnTheGivenExecutorAndFailWithTheTypedException() throws Exception {
        hub.repo("acme/small").file("a.txt", "a").file("b.txt", "b");
        AtomicInteger submitted = new AtomicInteger();
        Executor counting = task -> {
            submitted.incrementAndGet();
            new Thread(task).start();
        };
        try (HfHub client = client()) {
            assertThat(Files.readString(client.downloadAsync(FileRequest.of("acme/small", "a.txt"), counting).get()))
                    .isEqualTo("a");
            assertThat(submitted).hasValue(1);
            Path snapshot = client.snapshotAsync(SnapshotRequest.builder("acme/small").build()).get();
            assertThat(Files.readString(snapshot.resolve("b.txt"))).isEqualTo("b");
            assertThatThrownBy(() -> client.downloadAsync(FileRequest.of("acme/small", "missing.txt")).get())
                    .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(EntryNotFoundException.class);
        }
    }

    /** A download of {@code w.bin} on a thread of its own, to interrupt. */
    private static final class Interrupted {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final AtomicBoolean flagSet = new AtomicBoolean();
        private final Thread thread;

        Interrupted(HfHub client) {
            thread = new Thread(() -> {
                try {
                    client.download("acme/big", "w.bin");
                } catch (Throwable e) {
                    failure.set(e);
                    flagSet.set(Thread.currentThread().isInterrupted());
                }
            });
            thread.start();
        }

        void interruptAndJoin() throws InterruptedException {
            thread.interrupt();
            thread.join(30_000);
            assertThat(thread.isAlive()).as("still downloading 30 s after the interrupt").isFalse();
        }
    }

    private void assertResumesFrom(HfHub client, long offset) throws Exception {
        hub.server().faults().clear();
        hub.server().clearRequests();
        assertThat(Files.readAllBytes(client.download("acme/big", "w.bin"))).isEqualTo(weights);
        assertThat(cdnGets()).singleElement().satisfies(get -> assertThat(get.range()).isEqualTo("bytes=" + offset + "-"));
    }

    private List<RecordedRequest> cdnGets() {
        return hub.server().requests("cdn").stream().filter(r -> r.method().equals("GET")).toList();
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : -1;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not reached in 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
