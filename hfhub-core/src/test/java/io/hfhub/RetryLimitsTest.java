package io.hfhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.testkit.HubServerExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What waiting cannot cure is not retried (redirect loops, refused schemes, 4xx, a refused connection), a
 * {@code Retry-After} beyond the cap is reported at once, and what is retried is told to the listener as it happens.
 * The sleeper records the waits instead of sleeping: an empty list means "failed at once".
 */
class RetryLimitsTest {
    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path cache;

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final TestHubs.RecordingListener listener = new TestHubs.RecordingListener();

    private HfHub client() {
        return TestHubs.builder(hub.server(), cache).sleeper(sleeps::add).build();
    }

    private FileRequest request(String repo, String file) {
        return FileRequest.builder(repo, file).progress(listener).build();
    }

    @Test
    void aRedirectLoopOnTheMetadataRequestFailsAtOnce() {
        hub.repo("acme/loop").file("a.txt", "a");
        hub.faults().on("hub").method("HEAD").always().status(302).header("Location", "/acme/loop/resolve/main/a.txt");
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.download(request("acme/loop", "a.txt")))
                    .isInstanceOf(LocalEntryNotFoundException.class)
                    .hasMessageContaining("redirect loop")
                    .hasMessageNotContaining("could not be reached");
        }
        assertThat(sleeps).isEmpty();
        assertThat(hub.requests("hub")).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void aRedirectToAFileUrlDuringTheDownloadIsNotRetried() {
        hub.repo("acme/scheme").lfsFile("w.bin", new byte[10_000]);
        hub.faults().on("cdn").method("GET").always().status(302).header("Location", "file:///etc/passwd");
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.download(request("acme/scheme", "w.bin")))
                    .isInstanceOf(HfHubException.class)
                    .hasMessageContaining("refusing a redirect to a file: URL");
        }
        assertThat(sleeps).isEmpty();
        assertThat(hub.requests("cdn")).hasSize(1);
    }

    @Test
    void aClientErrorOnTheDownloadIsNotRetried() {
        hub.repo("acme/gone").lfsFile("w.bin", new byte[10_000]);
        hub.faults().on("cdn").method("GET").always().status(410);
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.download(request("acme/gone", "w.bin")))
                    .isInstanceOf(HfHttpException.class).hasMessageContaining("HTTP 410");
        }
        assertThat(sleeps).isEmpty();
        assertThat(hub.requests("cdn")).hasSize(1);
    }

    @Test
    void aRetryAfterBeyondTheCapIsReportedAtOnce() {
        hub.repo("acme/busy").file("a.txt", "a");
        hub.faults().on("hub").method("HEAD").always().status(429).retryAfter(100_000);
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.download(request("acme/busy", "a.txt")))
                    .isInstanceOf(LocalEntryNotFoundException.class)
                    .hasMessageContaining("the server asks to wait 100000 s");
        }
        assertThat(sleeps).isEmpty();
        assertThat(hub.requests("hub")).hasSize(1);
    }

    @Test
    void aRetryAfterBeyondTheCapOnTheDownloadIsReportedAtOnce() {
        hub.repo("acme/busycdn").lfsFile("w.bin", new byte[10_000]);
        hub.faults().on("cdn").method("GET").always().status(503).retryAfter(100_000);
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.download(request("acme/busycdn", "w.bin")))
                    .isInstanceOf(HfHubException.class)
                    .hasMessageContaining("the server asks to wait 100000 s");
        }
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aRetryAfterWithinTheCapIsWaitedForAndTold() throws IOException {
        hub.repo("acme/slow").file("a.txt", "a");
        hub.faults().on("hub").method("HEAD").times(2).status(503).retryAfter(3);
        try (HfHub client = client()) {
            assertThat(Files.readString(client.download(request("acme/slow", "a.txt")))).isEqualTo("a");
        }
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
        assertThat(listener.events).contains("retrying a.txt 1 HTTP 503", "retrying a.txt 2 HTTP 503");
    }

    @Test
    void aRefusedConnectionFailsAtOnceAndTheCacheAnswersSayingSo() throws IOException {
        hub.repo("acme/down").file("a.txt", "cached");
        Path first;
        try (HfHub client = client()) {
            first = client.download("acme/down", "a.txt");
        }
        String closed = "http://127.0.0.1:" + freePort();
        try (HfHub client = TestHubs.builder(closed, cache).sleeper(sleeps::add).build()) {
            assertThat(client.download(request("acme/down", "a.txt"))).isEqualTo(first);
            assertThat(listener.events).anyMatch(e -> e.startsWith("cache a.txt the Hub could not be reached"));
            assertThatThrownBy(() -> client.download(request("acme/down", "never.txt")))
                    .isInstanceOf(LocalEntryNotFoundException.class).hasMessageContaining("could not be reached");
            assertThatThrownBy(() -> client.snapshot(SnapshotRequest.builder("acme/other").build()))
                    .isInstanceOf(LocalEntryNotFoundException.class);
        }
        assertThat(sleeps).isEmpty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
