package io.hfhub;

import static io.hfhub.DownloadTest.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.testkit.HubServerExtension;
import io.hfhub.testkit.RecordedRequest;
import io.hfhub.transfer.Owner;
import io.hfhub.transfer.ResumeState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lease design across machines that share one cache folder, as on NFS: each child JVM runs in its own UTS and
 * pid namespace ({@code unshare --uts --pid --mount-proc}), so it has its own host name and cannot see the other's
 * processes, while both see one folder and one file-lock table. A writer on another host is judged by its heartbeat
 * only; its pid means nothing here.
 */
class SharedCacheAcrossMachinesTest {
    private static final long SLOW = 1_500_000; // bytes per second: the 9 MB file takes 6 s, while another JVM starts
    private static final String LEASE_SECONDS = "2";

    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    private final List<Process> machines = new java.util.concurrent.CopyOnWriteArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void stopMachines() throws InterruptedException {
        for (Process p : machines) {
            p.destroyForcibly(); // --kill-child takes the whole namespace with it
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @TempDir
    Path cache;

    @BeforeAll
    static void namespacesAllowed() throws Exception {
        Process probe = new ProcessBuilder("unshare", "--uts", "--pid", "--fork", "--mount-proc", "true")
                .redirectErrorStream(true).start();
        boolean ok = probe.waitFor(20, TimeUnit.SECONDS) && probe.exitValue() == 0;
        // a missing privilege, not a missing program: skipped (with the reason) even in CI
        Assumptions.assumeTrue(ok, "unshare of UTS and pid namespaces is not permitted here (needs root or CAP_SYS_ADMIN)");
    }

    /** A child download as machine {@code host}: the JVM is not the namespace's pid 1, so pids differ per machine. */
    private Process machine(String host, String repo, String file, long rate) throws Exception {
        List<String> prefix = List.of("unshare", "--uts", "--pid", "--fork", "--mount-proc", "--kill-child",
                "sh", "-c", "hostname \"$0\" && \"$@\"", host);
        Process p = ChildDownload.start(prefix, hub.endpoint(), cache.toString(), repo, file, Long.toString(rate), LEASE_SECONDS);
        machines.add(p);
        return p;
    }

    @Test
    void aWriterOnAnotherHostIsLeftAloneWhileItsHeartbeatIsFresh() throws Exception {
        byte[] content = randomBytes(9_000_000);
        hub.repo("acme/shared").lfsFile("w.bin", content);
        Path partial = cache.resolve("models--acme--shared/blobs/" + StreamingTest.sha256(content) + ".incomplete");
        Process a = machine("node-a", "acme/shared", "w.bin", SLOW);
        Owner owner = awaitOwner(partial);
        assertThat(owner.host()).isEqualTo("node-a");
        // node-b's process table has no such pid: only the host name keeps it from calling node-a dead
        Process b = machine("node-b", "acme/shared", "w.bin", SLOW);
        assertThat(a.isAlive()).as("node-a still writing when node-b starts").isTrue();
        assertThat(a.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(b.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(a.exitValue()).isZero();
        assertThat(b.exitValue()).isZero();
        assertThat(cache.resolve("models--acme--shared/blobs/" + StreamingTest.sha256(content))).hasBinaryContent(content);
        assertThat(hub.requests("cdn").stream().filter(r -> r.method().equals("GET"))).as("one writer").hasSize(1);
    }

    @Test
    void aDeadWritersPartialOnAnotherHostIsAdoptedWhenItsLeaseExpires() throws Exception {
        byte[] content = randomBytes(9_000_000);
        hub.repo("acme/shared").lfsFile("w.bin", content);
        Path partial = cache.resolve("models--acme--shared/blobs/" + StreamingTest.sha256(content) + ".incomplete");
        Process a = machine("node-a", "acme/shared", "w.bin", SLOW);
        awaitOwner(partial);
        while (!Files.exists(partial) || Files.size(partial) < 1_000_000) {
            Thread.sleep(20);
        }
        assertThat(a.isAlive()).isTrue();
        a.destroyForcibly(); // node-a dies (SIGKILL to its whole pid namespace): no cleanup, a fresh heartbeat left
        assertThat(a.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Process b = machine("node-b", "acme/shared", "w.bin", 0);
        assertThat(b.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(b.exitValue()).isZero();
        assertThat(cache.resolve("models--acme--shared/blobs/" + StreamingTest.sha256(content))).hasBinaryContent(content);
        List<String> ranges = hub.requests("cdn").stream().filter(r -> r.method().equals("GET")).map(RecordedRequest::range).toList();
        assertThat(ranges).hasSize(2);
        assertThat(Long.parseLong(ranges.get(1).replaceAll("bytes=(\\d+)-", "$1"))).as("resumed, not restarted")
                .isGreaterThanOrEqualTo(1_000_000);
    }

    private static Owner awaitOwner(Path partial) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(ResumeState.pathFor(partial))) {
                Optional<ResumeState> state = ResumeState.read(ResumeState.pathFor(partial));
                if (state.isPresent() && state.get().owner() != null) {
                    return state.get().owner();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no writer recorded in " + partial);
    }
}
