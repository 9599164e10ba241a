package io.hfhub.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.HfHub;
import io.hfhub.SnapshotRequest;
import io.hfhub.TestHubs;
import io.hfhub.testkit.HubServerExtension;
import io.hfhub.testkit.RepoBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What artifact mirrors (Artifactory's Hugging Face repositories) have been seen to do, and how hfhub copes. */
class MirrorQuirksTest {
    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path cache;

    @Test
    void aMissingRepoCommitIsAskedOfTheRevisionApi() throws Exception {
        RepoBuilder repo = hub.repo("acme/mirrored").file("config.json", "{}").lfsFile("model.bin", CoreOverHttpsTest.bytes(20_000, 9));
        hub.faults().on("hub").method("HEAD").always().header("X-Repo-Commit", null);
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            Path config = client.download("acme/mirrored", "config.json");
            Path model = client.download("acme/mirrored", "model.bin");
            assertThat(config.getParent().getFileName().toString()).isEqualTo(repo.commit());
            assertThat(Files.size(model)).isEqualTo(20_000);
            assertThat(Files.readString(cache.resolve("models--acme--mirrored/refs/main"))).isEqualTo(repo.commit());
        }
        assertThat(hub.requests("hub")).anySatisfy(r -> assertThat(r.rawPath()).isEqualTo("/api/models/acme/mirrored/revision/main"));
    }

    @Test
    void aTreeApiRefusingExpandIsListedWithoutIt() throws Exception {
        hub.repo("acme/mirrored").file("a.txt", "a").file("b/c.txt", "c");
        hub.faults().on("hub").query("expand=").always().status(404); // no X-Error-Code: the mirror's own 404
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            Path folder = client.snapshot(SnapshotRequest.builder("acme/mirrored").build());
            assertThat(Files.readString(folder.resolve("b/c.txt"))).isEqualTo("c");
        }
        assertThat(hub.requests("hub")).anySatisfy(r -> assertThat(r.target()).endsWith("/tree/" + hubCommit() + "?recursive=true"));
    }

    private String hubCommit() {
        return hub.repo("acme/mirrored").commit();
    }
}
