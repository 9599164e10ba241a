package io.hfhub.cli;

import static io.hfhub.cli.CacheTreeFixture.commit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hfhub.store.BlobName;
import io.hfhub.store.CommitHash;
import io.hfhub.store.RepoFilePath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheCommandTest {
    @TempDir
    Path dir;

    String cacheDir;
    CacheTreeFixture tiny;
    final String v1 = commit("v1");
    final String v2 = commit("v2");
    Path sharedBlob;
    Path v1Blob;

    @BeforeEach
    void cacheWithTwoRevisions() throws Exception {
        cacheDir = dir.toString();
        tiny = new CacheTreeFixture(dir, "acme/tiny");
        sharedBlob = tiny.file(v1, "config.json", "{}\n", false);
        v1Blob = tiny.file(v1, "model.bin", "x".repeat(2000), true);
        tiny.file(v2, "config.json", "{}\n", false);
        tiny.ref("main", v2).ref("refs/pr/1", v1);
    }

    @Test
    void scanPrintsATableAndTotals() {
        CliRun run = CliRun.of("cache", "scan", "--cache-dir", cacheDir);

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("ID", "SIZE", "LAST_ACCESSED", "LAST_MODIFIED", "REFS")
                .contains("model/acme/tiny", "2.0 kB", "main, refs/pr/1", "a few seconds ago")
                .contains("Found 1 repo(s) for a total of 2 revision(s) and 2.0 kB on disk.");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void scanRevisionsHasOneRowPerRevision() {
        CliRun run = CliRun.of("cache", "scan", "--revisions", "--cache-dir", cacheDir);

        assertThat(run.out()).contains("REVISION", v1, v2);
    }

    @Test
    void scanJsonIsOneDocumentForScripts() throws Exception {
        CliRun run = CliRun.of("cache", "scan", "--json", "--cache-dir", cacheDir);

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.isArray()).isTrue();
        assertThat(json.get(0).get("id").asText()).isEqualTo("model/acme/tiny");
        assertThat(json.get(0).get("size_on_disk").asLong()).isEqualTo(2003);
        assertThat(json.get(0).get("refs").toString()).isEqualTo("[\"main\",\"refs/pr/1\"]");
    }

    @Test
    void scanWarningsGoToStderr() throws Exception {
        Files.createDirectories(dir.resolve("models--acme--broken"));

        CliRun run = CliRun.of("cache", "scan", "--cache-dir", cacheDir);

        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains("found 1 cache inconsistencies", "--show-warnings");
        assertThat(run.out()).doesNotContain("broken");
        assertThat(CliRun.of("cache", "ls", "--show-warnings", "--cache-dir", cacheDir).err())
                .contains("Snapshots dir doesn't exist");
    }

    @Test
    void missingCacheDirIsOneLineThatSaysWhatToDo() {
        CliRun run = CliRun.of("cache", "scan", "--cache-dir", dir.resolve("nope").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("hfhub: cache directory not found").contains("--cache-dir")
                .hasLineCount(1);
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(CliRun.of("cache", "scan", "--bogus").exit()).isEqualTo(2);
        assertThat(CliRun.of("cache", "prune", "--older-than", "soon").exit()).isEqualTo(2);
    }

    @Test
    void helpHasExamples() {
        for (String command : new String[] {"scan", "delete", "verify", "prune"}) {
            CliRun run = CliRun.of("cache", command, "--help");
            assertThat(run.exit()).isZero();
            assertThat(run.out()).as(command).contains("Examples:", "--cache-dir");
        }
    }

    @Test
    void deleteDryRunDeletesNothing() {
        CliRun run = CliRun.of("cache", "delete", "acme/tiny", "--revision", "refs/pr/1", "--dry-run",
                "--cache-dir", cacheDir);

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("About to delete 0 repo(s) and 1 revision(s) totalling 2.0 kB.", "snapshot",
                "Dry run");
        assertThat(v1Blob).exists();
        assertThat(tiny.repo.snapshot(CommitHash.of(v1))).exists();
    }

    @Test
    void deleteRefusesWithoutATerminalUnlessYes() {
        CliRun run = CliRun.of("cache", "delete", "acme/tiny", "--cache-dir", cacheDir);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("--yes");
        assertThat(tiny.repo.folder()).exists();
    }

    @Test
    void deleteOneRevisionKeepsSharedBlobs() {
        CliRun run = CliRun.of("cache", "delete", "acme/tiny", "--revision", "refs/pr/1", "--yes",
                "--cache-dir", cacheDir);

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Deleted 0 repo(s) and 1 revision(s); freed 2.0 kB.");
        assertThat(v1Blob).doesNotExist();
        assertThat(sharedBlob).exists();
        assertThat(tiny.repo.snapshotFile(CommitHash.of(v2), RepoFilePath.of("config.json"))).exists();
    }

    @Test
    void deleteWholeRepo() {
        CliRun run = CliRun.of("cache", "delete", "acme/tiny", "--yes", "--quiet", "--cache-dir", cacheDir);

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(tiny.repo.folder()).doesNotExist();
    }

    @Test
    void deleteUnknownRevisionOrRepoFailsAndDeletesNothing() {
        CliRun badRev = CliRun.of("cache", "delete", "acme/tiny", "--revision", "v9", "--revision", "main",
                "--yes", "--cache-dir", cacheDir);
        assertThat(badRev.exit()).isEqualTo(1);
        assertThat(badRev.err()).contains("v9", "cached: main");
        assertThat(tiny.repo.snapshot(CommitHash.of(v2))).exists();

        CliRun badRepo = CliRun.of("cache", "delete", "acme/other", "--yes", "--cache-dir", cacheDir);
        assertThat(badRepo.exit()).isEqualTo(1);
        assertThat(badRepo.err()).contains("model/acme/other", "hfhub cache ls");
    }

    @Test
    void verifyCleanCacheExits0() {
        CliRun run = CliRun.of("cache", "verify", "--cache-dir", cacheDir);

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("No problems found.");
    }

    @Test
    void verifyFlippedByteExits1AndNamesTheFile() throws Exception {
        Files.writeString(v1Blob, "y" + "x".repeat(1999));

        CliRun run = CliRun.of("cache", "verify", "acme/tiny", "--cache-dir", cacheDir);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("BAD model acme/tiny " + v1 + " model.bin", "1 problem(s) found");
        JsonNode json = new ObjectMapper().readTree(
                CliRun.of("cache", "verify", "--json", "--cache-dir", cacheDir).out());
        assertThat(json.get("problems").get(0).get("file_name").asText()).isEqualTo("model.bin");
    }

    @Test
    void pruneRemovesOldPartialsAndReportsFreedSpace() throws Exception {
        Path partial = tiny.repo.incomplete(BlobName.of("a".repeat(64)));
        Files.write(partial, new byte[1500]);
        Files.setLastModifiedTime(partial, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path fresh = tiny.repo.incomplete(BlobName.of("b".repeat(64)));
        Files.write(fresh, new byte[10]);

        CliRun dry = CliRun.of("cache", "prune", "--dry-run", "--cache-dir", cacheDir);
        assertThat(dry.out()).contains("Would remove " + partial, "Would free 1.5 kB.");
        assertThat(partial).exists();

        CliRun run = CliRun.of("cache", "prune", "--older-than", "1d", "--cache-dir", cacheDir);
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Freed 1.5 kB.");
        assertThat(partial).doesNotExist();
        assertThat(fresh).exists();
    }

    @Test
    void cacheDirDefaultsLikeThePythonClient() {
        Path home = Path.of(System.getProperty("user.home"));
        assertThat(CacheDirOption.defaultCacheDir(Map.of())).isEqualTo(home.resolve(".cache/huggingface/hub"));
        assertThat(CacheDirOption.defaultCacheDir(Map.of("XDG_CACHE_HOME", "/x")))
                .isEqualTo(Path.of("/x/huggingface/hub"));
        assertThat(CacheDirOption.defaultCacheDir(Map.of("XDG_CACHE_HOME", "/x", "HF_HOME", "~/hf")))
                .isEqualTo(home.resolve("hf/hub"));
        assertThat(CacheDirOption.defaultCacheDir(Map.of("HF_HOME", "/h", "HUGGINGFACE_HUB_CACHE", "/legacy")))
                .isEqualTo(Path.of("/legacy"));
        assertThat(CacheDirOption.defaultCacheDir(Map.of("HUGGINGFACE_HUB_CACHE", "/legacy", "HF_HUB_CACHE", "/new")))
                .isEqualTo(Path.of("/new"));
    }

    @Test
    void aBlankVariableCountsAsUnsetAsInTheLibrary() {
        // one owner: the CLI's default is the library's, so `cache ls` looks where `download` wrote
        assertThat(CacheDirOption.defaultCacheDir(Map.of("HF_HUB_CACHE", "  ", "HF_HOME", "/h")))
                .isEqualTo(Path.of("/h/hub"));
        assertThat(CacheDirOption.defaultCacheDir(Map.of("HF_HOME", " ", "XDG_CACHE_HOME", "/x")))
                .isEqualTo(Path.of("/x/huggingface/hub"));
    }

    @Test
    void sizesAndAgesReadLikeHfCacheScan() {
        assertThat(HumanFormat.size(512)).isEqualTo("512 B");
        assertThat(HumanFormat.size(1500)).isEqualTo("1.5 kB");
        assertThat(HumanFormat.size(3_400_000)).isEqualTo("3.4 MB");
        assertThat(HumanFormat.size(999_999)).isEqualTo("1.0 MB");
        assertThat(HumanFormat.size(1_234_567_890)).isEqualTo("1.2 GB");
        Instant now = Instant.parse("2026-09-01T00:00:00Z");
        assertThat(HumanFormat.timeSince(now.minusSeconds(5), now)).isEqualTo("a few seconds ago");
        assertThat(HumanFormat.timeSince(now.minus(Duration.ofDays(2)), now)).isEqualTo("2 days ago");
        assertThat(HumanFormat.timeSince(now.minus(Duration.ofHours(3)), now)).isEqualTo("3 hours ago");
        assertThat(DurationConverter.convert("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(DurationConverter.convert("7d")).isEqualTo(Duration.ofDays(7));
    }
}
