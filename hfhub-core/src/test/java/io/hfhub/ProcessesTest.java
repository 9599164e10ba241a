package io.hfhub;

import static io.hfhub.DownloadTest.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.testkit.HubServerExtension;
import io.hfhub.testkit.RecordedRequest;
import io.hfhub.transfer.ResumeState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Crash and concurrency across real processes: SIGKILL mid-download, eight JVMs asking for one file. */
class ProcessesTest {
    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path cache;

    @Test
    void aDownloadKilledWithSigkillIsResumedByTheNextProcess() throws Exception {
        byte[] content = randomBytes(12_000_000); // above the 8 MiB under which files keep no resume state
        hub.repo("acme/crash").lfsFile("w.bin", content);
        String sha = StreamingTest.sha256(content);
        Path partial = cache.resolve("models--acme--crash/blobs/" + sha + ".incomplete");
        Process child = ChildDownload.start(hub.endpoint(), cache.toString(), "acme/crash", "w.bin", "3000000");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!(Files.exists(partial) && Files.size(partial) > 1_000_000) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long kept = Files.size(partial);
        assertThat(kept).isGreaterThan(1_000_000).isLessThan(content.length);
        assertThat(ResumeState.read(ResumeState.pathFor(partial))).isPresent();

        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            assertThat(client.download("acme/crash", "w.bin")).hasBinaryContent(content);
        }
        List<String> ranges = hub.requests("cdn").stream().filter(r -> r.method().equals("GET")).map(RecordedRequest::range).toList();
        assertThat(ranges).hasSize(2);
        assertThat(ranges.get(0)).isNull();
        long resumedAt = Long.parseLong(ranges.get(1).replaceAll("bytes=(\\d+)-", "$1"));
        assertThat(resumedAt).isGreaterThanOrEqualTo(1_000_000);
    }

    @Test
    void eightProcessesAskingForOneFileMakeOneDownload() throws Exception {
        byte[] content = randomBytes(3_000_000);
        hub.repo("acme/crowd").lfsFile("w.bin", content);
        hub.faults().on("cdn").throttlePerConnection(3_000_000); // about a second: the processes overlap
        List<Process> children = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            children.add(ChildDownload.start(hub.endpoint(), cache.toString(), "acme/crowd", "w.bin", "0"));
        }
        List<String> paths = new ArrayList<>();
        for (Process child : children) {
            assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isZero();
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            paths.add(out.substring(out.lastIndexOf('\n') + 1));
        }
        assertThat(paths).hasSize(8).allMatch(p -> p.equals(paths.get(0)));
        assertThat(Path.of(paths.get(0))).hasBinaryContent(content);
        assertThat(hub.requests("cdn").stream().filter(r -> r.method().equals("GET"))).hasSize(1);
        try (Stream<Path> blobs = Files.list(cache.resolve("models--acme--crowd/blobs"))) {
            assertThat(blobs.map(p -> p.getFileName().toString())).containsExactly(StreamingTest.sha256(content));
        }
    }
}
