package io.hfhub.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.hfhub.FileRequest;
import io.hfhub.HfHub;
import io.hfhub.LocalEntryNotFoundException;
import io.hfhub.RepoType;
import io.hfhub.TestHubs;
import io.hfhub.testkit.HubServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code download(... extract)}: the archive lands in the cache, its tree in {@code extracted/<hash8>/}. */
class DownloadExtractTest {
    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path tmp;

    @Test
    void aDownloadedArchiveIsExtractedOnceAndReportsThroughTheSameListener() throws Exception {
        Path archive = TestArchives.tar(tmp.resolve("images.tar.gz"), "gz", tar -> {
            TestArchives.file(tar, "cats/1.txt", "meow");
            TestArchives.file(tar, "dogs/1.txt", "woof");
        });
        hub.repo("dataset", "acme/archives").lfsFile("images.tar.gz", Files.readAllBytes(archive))
                .file("notes.txt", "not an archive");
        Path cache = tmp.resolve("cache");
        TestHubs.RecordingListener listener = new TestHubs.RecordingListener();
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            FileRequest request = FileRequest.builder("acme/archives", "images.tar.gz").repoType(RepoType.DATASET)
                    .extract(true).progress(listener).build();
            Path folder = client.download(request);
            assertThat(folder.getParent()).isEqualTo(cache.resolve("datasets--acme--archives/extracted"));
            assertThat(folder.resolve("cats/1.txt")).hasContent("meow");
            long modified = Files.getLastModifiedTime(folder.resolve("dogs/1.txt")).toMillis();

            assertThat(client.download(request)).isEqualTo(folder); // idempotent: the same folder, no new work
            assertThat(Files.getLastModifiedTime(folder.resolve("dogs/1.txt")).toMillis()).isEqualTo(modified);

            Path notes = client.download(FileRequest.builder("acme/archives", "notes.txt").repoType(RepoType.DATASET)
                    .extract(true).build());
            assertThat(new String(Files.readAllBytes(notes), StandardCharsets.UTF_8)).isEqualTo("not an archive");
        }
        assertThat(listener.events).contains("finished images.tar.gz (extracting) 8")
                .anyMatch(e -> e.startsWith("finished images.tar.gz ") && !e.contains("extracting"));
    }

    private Path cachedArchive(Path cache) throws Exception {
        Path archive = TestArchives.tar(tmp.resolve("images.tar.gz"), "gz", tar -> TestArchives.file(tar, "cats/1.txt", "meow"));
        hub.repo("dataset", "acme/archives").lfsFile("images.tar.gz", Files.readAllBytes(archive));
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            client.download(archiveRequest().build()); // in the cache, not extracted
        }
        return cache.resolve("datasets--acme--archives/extracted");
    }

    private static FileRequest.Builder archiveRequest() {
        return FileRequest.builder("acme/archives", "images.tar.gz").repoType(RepoType.DATASET);
    }

    @Test
    void aLocalDirFallbackWithNoLocalCopyFailsWithoutExtractingTheCachedArchive() throws Exception {
        Path cache = tmp.resolve("cache");
        Path extracted = cachedArchive(cache);
        hub.faults().on("hub").always().status(503);
        Throwable failure;
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            failure = catchThrowable(() -> client.download(archiveRequest().localDir(tmp.resolve("local")).extract(true).build()));
        }
        assertThat(extracted).doesNotExist(); // the decision comes first; extraction only for the answer
        assertThat(failure).isInstanceOf(LocalEntryNotFoundException.class).hasMessageContaining("503");
    }

    @Test
    void aHubFallbackExtractsTheCachedArchiveOnce() throws Exception {
        Path cache = tmp.resolve("cache");
        Path extracted = cachedArchive(cache);
        hub.faults().on("hub").always().status(503);
        TestHubs.RecordingListener listener = new TestHubs.RecordingListener();
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            Path folder = client.download(archiveRequest().extract(true).progress(listener).build());
            assertThat(folder.getParent()).isEqualTo(extracted);
            assertThat(folder.resolve("cats/1.txt")).hasContent("meow");
        }
        assertThat(listener.events).filteredOn(e -> e.startsWith("cache ")).hasSize(1);
    }

    @Test
    void openRefusesExtractUpFrontAndExtractsNothing() throws Exception {
        Path cache = tmp.resolve("cache");
        Path extracted = cachedArchive(cache);
        hub.clearRequests();
        try (HfHub offline = TestHubs.builder(hub.server(), cache).offline(true).build();
             HfHub online = TestHubs.builder(hub.server(), cache).build()) {
            for (HfHub client : new HfHub[] {offline, online}) {
                assertThatThrownBy(() -> client.open(archiveRequest().extract(true).build()))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("download(");
            }
        }
        assertThat(extracted).doesNotExist();
        assertThat(hub.requests()).isEmpty();
    }
}
