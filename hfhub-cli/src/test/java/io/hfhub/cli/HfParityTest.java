package io.hfhub.cli;

import static io.hfhub.cli.CacheTreeFixture.commit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hfhub.testkit.HubServerExtension;
import io.hfhub.testkit.RepoBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user of the Python {@code hf} CLI expects: its repo id forms, {@code --type}, {@code cache ls|rm|prune|
 * verify} with their options, and {@code --format json} documents with {@code hf}'s keys (parsed here, per command,
 * as the README documents them).
 */
class HfParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path dir;

    private CliRun run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--cache-dir", dir.toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    private CliRun download(String... args) {
        List<String> all = new ArrayList<>(List.of("download"));
        all.addAll(List.of(args));
        all.addAll(List.of("--endpoint", hub.endpoint(), "--quiet"));
        return run(all.toArray(String[]::new));
    }

    private static JsonNode json(CliRun run) throws IOException {
        assertThat(run.exit()).as(run.err()).isZero();
        return JSON.readTree(run.out());
    }

    @Test
    void repoIdsInHfFormsAndTheTypeAlias() throws IOException {
        RepoBuilder data = hub.repo("dataset", "acme/corpus").file("data/train.csv", "a,b");
        data.revision("v1").file("data/train.csv", "v1");

        assertThat(Files.readString(Path.of(download("hf://datasets/acme/corpus/data/train.csv").out().strip())))
                .isEqualTo("a,b");
        assertThat(Files.readString(Path.of(download("hf://datasets/acme/corpus@v1/data/train.csv").out().strip())))
                .isEqualTo("v1");
        assertThat(Files.readString(Path.of(download("datasets/acme/corpus", "data/train.csv").out().strip())))
                .isEqualTo("a,b");
        assertThat(Files.readString(Path.of(download("acme/corpus", "data/train.csv", "--type", "dataset").out()
                .strip()))).isEqualTo("a,b");
        CliRun clash = download("datasets/acme/corpus", "data/train.csv", "--type", "space");
        assertThat(clash.exit()).isEqualTo(1);
        assertThat(clash.err()).contains("--repo-type");
        CliRun folder = download("datasets/acme/corpus", "data/");
        assertThat(Path.of(folder.out().strip()).resolve("data/train.csv")).exists();
    }

    @Test
    void downloadJsonHasThePathAsHfPrintsIt() throws IOException {
        hub.repo("acme/tiny").file("a.txt", "a").file("b.txt", "b");

        JsonNode files = json(download("acme/tiny", "a.txt", "b.txt", "--format", "json"));
        assertThat(files.get("path").asText()).endsWith("/b.txt");
        assertThat(files.get("paths")).hasSize(2);
        JsonNode whole = json(download("acme/tiny", "--json"));
        assertThat(whole.get("path").asText()).endsWith("/snapshots/" + hub.repo("acme/tiny").commit());
        JsonNode dry = json(download("acme/tiny", "--dry-run", "--json"));
        assertThat(dry.get(0).get("filename").asText()).isEqualTo("a.txt");
        assertThat(dry.get(0).get("file_size").asLong()).isEqualTo(1);
        assertThat(dry.get(0).get("will_download").asBoolean()).isFalse();
    }

    /** Three repos: big (two revisions, one detached), small (a dataset), fresh. */
    private void cacheOfThree() throws IOException {
        CacheTreeFixture big = new CacheTreeFixture(dir, "acme/big");
        big.file(commit("b1"), "w.bin", "x".repeat(5000), true);
        big.file(commit("b2"), "w.bin", "y".repeat(6000), true);
        big.ref("main", commit("b2"));
        CacheTreeFixture small = new CacheTreeFixture(dir, "datasets", "acme/small");
        small.file(commit("s1"), "d.csv", "1,2", false);
        small.ref("main", commit("s1"));
        CacheTreeFixture fresh = new CacheTreeFixture(dir, "acme/fresh");
        fresh.file(commit("f1"), "c.json", "{}", false);
        fresh.ref("dev", commit("f1"));
    }

    @Test
    void cacheLsFiltersSortsAndLimitsAsHfDoes() throws IOException {
        cacheOfThree();

        JsonNode all = json(run("cache", "ls", "--format", "json"));
        assertThat(all).hasSize(3);
        JsonNode first = all.get(0);
        assertThat(first.get("id").asText()).isEqualTo("dataset/acme/small");
        for (String key : List.of("id", "repo_id", "repo_type", "size", "last_accessed", "last_modified", "refs",
                "size_on_disk")) {
            assertThat(first.has(key)).as(key).isTrue();
        }
        assertThat(json(run("cache", "ls", "--filter", "type=model", "--json"))).hasSize(2);
        assertThat(json(run("cache", "ls", "-f", "size>10kB", "--json")).get(0).get("repo_id").asText())
                .isEqualTo("acme/big");
        assertThat(json(run("cache", "ls", "--filter", "refs=dev", "--json")).get(0).get("repo_id").asText())
                .isEqualTo("acme/fresh");
        assertThat(run("cache", "ls", "--sort", "size", "--limit", "2", "--format", "quiet").out().lines().toList())
                .containsExactly("model/acme/big", "dataset/acme/small");
        assertThat(run("cache", "list", "--sort", "name:desc", "--format", "quiet").out().lines().findFirst())
                .contains("model/acme/fresh");
        JsonNode revisions = json(run("cache", "scan", "--revisions", "--filter", "type=model", "--json"));
        assertThat(revisions).hasSize(3);
        assertThat(revisions.get(0).has("revision")).isTrue();
        assertThat(revisions.get(0).has("snapshot_path")).isTrue();
        assertThat(run("cache", "ls", "--revisions", "--format", "quiet").out()).contains(commit("b1"));
    }

    @Test
    void cacheRmTakesSeveralTargetsInHfForms() throws IOException {
        cacheOfThree();

        CliRun dry = run("cache", "rm", "dataset/acme/small", commit("b1"), "--dry-run", "--json");
        JsonNode plan = json(dry);
        assertThat(plan.get("dry_run").asBoolean()).isTrue();
        assertThat(plan.get("repos").asInt()).isEqualTo(1);
        assertThat(plan.get("revisions").asInt()).isEqualTo(2);
        assertThat(dir.resolve("datasets--acme--small")).exists();

        JsonNode done = json(run("cache", "rm", "hf://datasets/acme/small", commit("b1"), "model/acme/fresh", "--yes",
                "--format", "json"));
        assertThat(done.get("repos_deleted").asInt()).isEqualTo(2);
        assertThat(done.get("revisions_deleted").asInt()).isEqualTo(3);
        assertThat(done.get("freed").asText()).endsWith("kB");
        assertThat(dir.resolve("datasets--acme--small")).doesNotExist();
        assertThat(dir.resolve("models--acme--fresh")).doesNotExist();
        assertThat(dir.resolve("models--acme--big/snapshots/" + commit("b1"))).doesNotExist();
        assertThat(dir.resolve("models--acme--big/snapshots/" + commit("b2"))).exists();

        CliRun unknown = run("cache", "rm", "model/acme/big", "dataset/acme/nothing", "--yes");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("dataset/acme/nothing", "nothing deleted");
        assertThat(dir.resolve("models--acme--big")).exists();
    }

    @Test
    void cachePruneRemovesDetachedRevisionsLikeHfAndAsksFirst() throws IOException {
        cacheOfThree();
        Path partial = dir.resolve("models--acme--fresh/blobs/" + "c".repeat(64) + ".incomplete");
        Files.write(partial, new byte[100]);
        Files.setLastModifiedTime(partial, FileTime.from(Instant.now().minusSeconds(3 * 86_400)));

        CliRun refused = run("cache", "prune");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("--yes");
        assertThat(dir.resolve("models--acme--big/snapshots/" + commit("b1"))).exists();

        JsonNode dry = json(run("cache", "prune", "--dry-run", "--json"));
        assertThat(dry.get("revisions").asInt()).isEqualTo(1);
        assertThat(dry.get("incomplete").asInt()).isEqualTo(1);

        JsonNode partialsOnly = json(run("cache", "prune", "--partials-only", "--json"));
        assertThat(partialsOnly.get("revisions_deleted").asInt()).isZero();
        assertThat(partialsOnly.get("incomplete_deleted").asInt()).isEqualTo(1);
        assertThat(partial).doesNotExist();
        assertThat(dir.resolve("models--acme--big/snapshots/" + commit("b1"))).exists();

        JsonNode pruned = json(run("cache", "prune", "--yes", "--json"));
        assertThat(pruned.get("revisions_deleted").asInt()).isEqualTo(1);
        assertThat(dir.resolve("models--acme--big/snapshots/" + commit("b1"))).doesNotExist();
        assertThat(dir.resolve("models--acme--big/snapshots/" + commit("b2"))).exists();
        assertThat(dir.resolve("models--acme--fresh")).exists();
    }

    @Test
    void cacheVerifyOneRevisionAgainstTheHubsListing() throws IOException {
        RepoBuilder repo = hub.repo("acme/checked").file("a.txt", "a").lfsFile("w.bin", new byte[3000]);
        repo.revision("v2").file("a.txt", "a2").file("new.txt", "n");
        assertThat(download("acme/checked").exit()).isZero();
        assertThat(download("acme/checked", "a.txt", "--revision", "v2").exit()).isZero();
        String endpoint = hub.endpoint();

        JsonNode ok = json(run("cache", "verify", "acme/checked", "--revision", "main", "--endpoint", endpoint,
                "--json"));
        assertThat(ok.get("checked").asInt()).isEqualTo(2);
        assertThat(ok.get("repo_id").asText()).isEqualTo("acme/checked");
        assertThat(ok.get("repo_type").asText()).isEqualTo("model");
        assertThat(ok.get("path").asText()).endsWith(hub.repo("acme/checked").commit());
        assertThat(ok.get("ok").asBoolean()).isTrue();

        CliRun missing = run("cache", "verify", "acme/checked", "--revision", "v2", "--endpoint", endpoint);
        assertThat(missing.exit()).isZero();
        assertThat(missing.err()).contains("remote file(s) are missing locally", "--fail-on-missing-files");
        CliRun failing = run("cache", "verify", "acme/checked", "--revision", "v2", "--fail-on-missing-files",
                "--endpoint", endpoint);
        assertThat(failing.exit()).isEqualTo(1);
        assertThat(failing.out()).contains("MISSING new.txt");

        Path local = dir.resolve("local");
        Files.createDirectories(local);
        Files.writeString(local.resolve("a.txt"), "tampered");
        Files.write(local.resolve("w.bin"), new byte[3000]);
        Files.writeString(local.resolve("extra.txt"), "x");
        CliRun localRun = run("cache", "verify", "acme/checked", "--local-dir", local.toString(),
                "--fail-on-extra-files", "--endpoint", endpoint, "--format", "json");
        assertThat(localRun.exit()).isEqualTo(1);
        JsonNode report = JSON.readTree(localRun.out());
        assertThat(report.get("mismatches").get(0).get("path").asText()).isEqualTo("a.txt");
        assertThat(report.get("mismatches").get(0).get("algorithm").asText()).isEqualTo("git-sha1");
        assertThat(report.get("extra_paths").toString()).isEqualTo("[\"extra.txt\"]");
    }

    @Test
    void withoutATerminalRetriesAndCacheFallbacksAreALineEach() throws IOException {
        hub.repo("acme/flaky").file("a.txt", "a");
        hub.faults().on("hub").method("HEAD").times(1).status(503).retryAfter(1);
        CliRun retried = run("download", "acme/flaky", "a.txt", "--endpoint", hub.endpoint());
        assertThat(retried.exit()).isZero();
        assertThat(retried.err()).contains("retrying a.txt in 1.0 s (attempt 1 failed: HTTP 503)")
                .doesNotContain("\r");

        String endpoint = hub.endpoint();
        hub.server().close();
        CliRun fallback = run("download", "acme/flaky", "a.txt", "--endpoint", endpoint);
        assertThat(fallback.exit()).isZero();
        assertThat(fallback.err()).startsWith("using the cached copy of a.txt: the Hub could not be reached");
        assertThat(fallback.out().strip()).endsWith("/a.txt");
    }
}
