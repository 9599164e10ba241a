package io.hfhub.cache;

import static io.hfhub.cache.CacheFixture.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.store.CommitHash;
import io.hfhub.store.ExtractionRecord;
import io.hfhub.store.RepoFilePath;
import io.hfhub.store.Revision;
import io.hfhub.store.TempNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What interrupted commands leave behind is recognised by one naming pattern: pruned once its owner is gone,
 * listed by verify; extraction folders are checked against their records; deletions go record and ref first.
 */
class LeftoversTest {
    private static final String HOST = "box";
    private static final Instant TWO_DAYS_AGO = Instant.now().minus(Duration.ofDays(2));

    @TempDir
    Path dir;

    private CacheFixture.Repo repo;
    private final Set<Long> livePids = new HashSet<>();
    private final String v1 = commit("v1");
    private String lfs;

    @BeforeEach
    void repo() {
        repo = new CacheFixture(dir).model("acme/tiny");
        repo.file(v1, "config.json", "{}\n");
        lfs = repo.lfsFile(v1, "data.bin", new byte[100]);
        repo.ref("main", v1);
    }

    private CachePruner pruner() {
        return new CachePruner(Clock.fixed(Instant.now(), ZoneOffset.UTC), HOST, livePids::contains);
    }

    private static String temp(String name, long pid, String host) {
        return "." + name + ".hfhub-" + pid + "-" + TempNames.hostTag(host) + ".0000abcd.tmp";
    }

    private Path extractedFolder(String name, Map<String, Long> files, boolean record) throws IOException {
        Path folder = repo.folder().resolve("extracted").resolve(name);
        for (Map.Entry<String, Long> file : files.entrySet()) {
            CacheFixture.write(folder.resolve(file.getKey()), new byte[file.getValue().intValue()]);
        }
        Files.createDirectories(folder);
        if (record) {
            ExtractionRecord.of(lfs, files).writeIfAbsent(folder);
        }
        return folder;
    }

    @Test
    void pruneRemovesTemporariesOfDeadProcessesAndKeepsThoseOfLiveOnes() throws IOException {
        livePids.add(777L);
        Path extracted = Files.createDirectories(repo.folder().resolve("extracted"));
        Path deadExtraction = Files.createDirectories(extracted.resolve(temp(lfs.substring(0, 8), 4242, HOST)));
        CacheFixture.write(deadExtraction.resolve("half.bin"), new byte[50]);
        Path liveExtraction = Files.createDirectories(extracted.resolve(temp(lfs.substring(0, 8), 777, HOST)));
        Path deadTombstone = Files.createDirectories(dir.resolve(temp("models--acme--gone", 4242, HOST)));
        Path deadSnapshotTombstone = Files.createDirectories(repo.folder().resolve(temp(commit("v0"), 4242, HOST)));
        Path deadRefTemp = Files.writeString(repo.folder().resolve("refs").resolve(temp("main", 4242, HOST)), v1);
        Path deadLinkTemp = Files.createSymbolicLink(repo.paths().snapshot(CommitHash.of(v1)).resolve(temp("config.json", 4242, HOST)),
                Path.of("../../blobs/x"));
        Path otherHostFresh = Files.createDirectories(extracted.resolve(temp("abcdef01", 4242, "elsewhere")));
        // what earlier hfhub builds left after a kill: a hidden .tmp folder without an owner, untouched for two days
        Path legacy = Files.createDirectories(extracted.resolve(".abcdef01.5c3f9e2a1b.tmp"));
        CacheFixture.setMtime(legacy, TWO_DAYS_AGO);

        VerifyReport verify = CacheVerifier.verify(dir, Optional.empty());
        PruneReport report = pruner().prune(dir, CachePruner.DEFAULT_OLDER_THAN, false);

        assertThat(verify.ok()).as("leftovers are not damage").isTrue();
        assertThat(deadExtraction).doesNotExist();
        assertThat(deadTombstone).doesNotExist();
        assertThat(deadSnapshotTombstone).doesNotExist();
        assertThat(deadRefTemp).doesNotExist();
        assertThat(Files.exists(deadLinkTemp, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(legacy).doesNotExist();
        assertThat(liveExtraction).exists();
        assertThat(otherHostFresh).exists();
        assertThat(report.kept()).anySatisfy(k -> assertThat(k.reason()).contains("pid 777"));
        assertThat(report.removed()).anySatisfy(k -> assertThat(k.reason()).contains("interrupted hfhub command"));
        assertThat(repo.paths().snapshotFile(CommitHash.of(v1), RepoFilePath.of("config.json"))).hasContent("{}");
    }

    @Test
    void verifyListsTheLeftoversOfDeadProcesses() throws IOException {
        Path extracted = Files.createDirectories(repo.folder().resolve("extracted"));
        // a pid that cannot be alive: higher than any pid_max
        Path dead = Files.createDirectories(extracted.resolve("." + lfs.substring(0, 8) + ".hfhub-4194305-"
                + TempNames.hostTag(TempNames.localHostName()) + ".0000abcd.tmp"));

        VerifyReport report = CacheVerifier.verify(dir, Optional.empty());

        assertThat(report.ok()).isTrue();
        assertThat(report.leftovers()).containsExactly(dead);
    }

    @Test
    void verifyChecksExtractedFoldersAgainstTheirRecords() throws IOException {
        Path complete = extractedFolder(lfs.substring(0, 8), Map.of("a.txt", 3L, "b/c.txt", 5L), true);
        assertThat(CacheVerifier.verify(dir, Optional.empty()).ok()).isTrue();

        Files.delete(complete.resolve("b/c.txt"));
        Path unrecorded = extractedFolder("0123abcd", Map.of("x", 1L), false);

        List<VerifyProblem> problems = CacheVerifier.verify(dir, Optional.empty()).problems();

        assertThat(problems).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo(complete);
            assertThat(p.reason()).contains("does not match its archive").contains("missing b/c.txt");
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo(unrecorded);
            assertThat(p.reason()).contains("without its record");
        });
    }

    @Test
    void deletionRemovesRefsBeforeSnapshotsAndAnExtractionsRecordBeforeItsFolder() throws IOException {
        String v2 = commit("v2");
        repo.file(v2, "config.json", "{}\n");
        Path folder = extractedFolder(lfs.substring(0, 8), Map.of("a.txt", 3L), true);
        DeletePlan plan = CacheDeleter.deleteFromRepo(CacheScanner.scan(dir).repos().get(0), List.of(v1));
        List<Path> order = new ArrayList<>();

        DeletePlan.Outcome outcome = plan.run(path -> {
            order.add(path);
            DeletePlan.remove(path);
        });

        assertThat(outcome.failures()).isEmpty();
        assertThat(order).containsSubsequence(repo.paths().ref(Revision.of("main")), repo.paths().snapshot(CommitHash.of(v1)));
        assertThat(order).containsSubsequence(ExtractionRecord.pathFor(folder), folder);
        assertThat(folder).doesNotExist();
        assertThat(repo.paths().snapshot(CommitHash.of(v1))).doesNotExist();
        try (var left = Files.list(repo.folder())) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(TempNames::isTemporary);
        }
        assertThat(CacheVerifier.verify(dir, Optional.empty()).ok()).isTrue();
    }
}
