package io.hfhub.cache;

import static io.hfhub.cache.CacheFixture.commit;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachePrunerTest {
    private static final Instant NOW = Instant.parse("2026-09-01T12:00:00Z");
    private static final Instant TWO_DAYS_AGO = NOW.minus(Duration.ofDays(2));
    private static final String HOST = "box";

    @TempDir
    Path dir;

    private CacheFixture.Repo repo;
    private final Set<Long> livePids = new java.util.HashSet<>();
    private final CachePruner pruner = new CachePruner(Clock.fixed(NOW, ZoneOffset.UTC), HOST, livePids::contains);

    @BeforeEach
    void repo() {
        repo = new CacheFixture(dir).model("acme/tiny");
        repo.file(commit("v1"), "a.txt", "a");
    }

    private static String state(Instant updatedAt, long pid, String host, Instant heartbeat) {
        return "{\"version\":1,\"url\":\"http://x\",\"etag\":\"e\",\"size\":10,\"commit\":\"" + commit("v1")
                + "\",\"bytesWritten\":5,\"startedAt\":" + updatedAt.toEpochMilli() + ",\"updatedAt\":"
                + updatedAt.toEpochMilli() + ",\"owner\":{\"id\":\"u\",\"pid\":" + pid + ",\"host\":\"" + host
                + "\",\"heartbeatAt\":" + heartbeat.toEpochMilli() + "},\"ranges\":[[0,4]]}";
    }

    @Test
    void oldPartialOfADeadOwnerIsRemovedWithItsState() {
        Path partial = repo.partial("a".repeat(64), 100, state(TWO_DAYS_AGO, 4242, HOST, TWO_DAYS_AGO));

        PruneReport report = pruner.prune(dir, CachePruner.DEFAULT_OLDER_THAN, false);

        assertThat(partial).doesNotExist();
        assertThat(partial.resolveSibling(partial.getFileName() + ".json")).doesNotExist();
        assertThat(report.freedSize()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void partialOfALiveProcessOnThisHostIsKept() {
        livePids.add(4242L);
        Path partial = repo.partial("a".repeat(64), 100, state(TWO_DAYS_AGO, 4242, HOST, TWO_DAYS_AGO));

        PruneReport report = pruner.prune(dir, CachePruner.DEFAULT_OLDER_THAN, false);

        assertThat(partial).exists();
        assertThat(report.kept()).singleElement().satisfies(k -> assertThat(k.reason()).contains("alive"));
    }

    @Test
    void partialWithAFreshHeartbeatFromAnotherHostIsKept() {
        Path partial = repo.partial("a".repeat(64), 100,
                state(TWO_DAYS_AGO, 4242, "other-host", NOW.minusSeconds(5)));

        pruner.prune(dir, CachePruner.DEFAULT_OLDER_THAN, false);

        assertThat(partial).exists();
    }

    @Test
    void freshPartialIsKept() {
        Path partial = repo.partial("a".repeat(64), 100, state(NOW.minusSeconds(3600), 1, "gone", NOW.minusSeconds(3600)));
        Path noState = repo.partial("b".repeat(64), 100, null);
        CacheFixture.setMtime(noState, NOW.minusSeconds(60));

        PruneReport report = pruner.prune(dir, CachePruner.DEFAULT_OLDER_THAN, false);

        assertThat(partial).exists();
        assertThat(noState).exists();
        assertThat(report.removed()).isEmpty();
    }

    @Test
    void partialWithoutStateIsJudgedByItsMtime() {
        Path partial = repo.partial("b".repeat(40) + ".0a1b2c3d", 10, null);
        CacheFixture.setMtime(partial, TWO_DAYS_AGO);

        pruner.prune(dir, Duration.ofHours(1), false);

        assertThat(partial).doesNotExist();
    }

    @Test
    void heldLockAndItsPartialAreKeptFreeOldLockIsRemoved() throws Exception {
        String busy = "c".repeat(64);
        Path partial = repo.partial(busy, 10, null);
        CacheFixture.setMtime(partial, TWO_DAYS_AGO);
        Path heldLock = repo.lockFile(busy);
        CacheFixture.setMtime(heldLock, TWO_DAYS_AGO);
        Path freeLock = repo.lockFile("d".repeat(64));
        CacheFixture.setMtime(freeLock, TWO_DAYS_AGO);
        Path freshLock = repo.lockFile("e".repeat(64));

        try (FileChannel channel = FileChannel.open(heldLock, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            pruner.prune(dir, CachePruner.DEFAULT_OLDER_THAN, false);
        }

        assertThat(partial).exists();
        assertThat(heldLock).exists();
        assertThat(freshLock).exists();
        assertThat(freeLock).doesNotExist();
    }

    @Test
    void dryRunRemovesNothing() {
        Path partial = repo.partial("a".repeat(64), 100, state(TWO_DAYS_AGO, 4242, HOST, TWO_DAYS_AGO));

        PruneReport report = pruner.prune(dir, CachePruner.DEFAULT_OLDER_THAN, true);

        assertThat(partial).exists();
        assertThat(report.removed()).hasSize(2);
        assertThat(report.dryRun()).isTrue();
    }

    @Test
    void shortAgeLimitAppliesToOwnedPartialsButNotToUnownedOnes() {
        Instant tenMinutesAgo = NOW.minus(Duration.ofMinutes(10));
        // hfhub's: a dead owner on this host, so its lease and pid say nobody writes it
        Path owned = repo.partial("a".repeat(64), 100, state(tenMinutesAgo, 4242, HOST, tenMinutesAgo));
        CacheFixture.setMtime(owned, tenMinutesAgo);
        // Python 1.x's: no state, and its flock is invisible to FileChannel.tryLock; only the mtime tells
        Path python = repo.partial("b".repeat(40) + ".0a1b2c3d", 10, null);
        CacheFixture.setMtime(python, tenMinutesAgo);
        Path pythonOld = repo.partial("c".repeat(64), 10, null);
        CacheFixture.setMtime(pythonOld, NOW.minus(Duration.ofMinutes(61)));

        PruneReport report = pruner.prune(dir, Duration.ofMinutes(5), false);

        assertThat(owned).doesNotExist();
        assertThat(python).exists();
        assertThat(pythonOld).doesNotExist();
        assertThat(report.kept()).singleElement().satisfies(k -> {
            assertThat(k.path()).isEqualTo(python);
            assertThat(k.reason()).contains("no hfhub owner");
        });
    }
}
