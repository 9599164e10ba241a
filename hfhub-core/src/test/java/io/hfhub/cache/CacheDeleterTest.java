package io.hfhub.cache;

import static io.hfhub.cache.CacheFixture.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.store.BlobName;
import io.hfhub.store.CommitHash;
import io.hfhub.store.ExtractionRecord;
import io.hfhub.store.RepoFilePath;
import io.hfhub.store.Revision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheDeleterTest {
    @TempDir
    Path dir;

    private CacheFixture.Repo repo;
    private final String v1 = commit("v1");
    private final String v2 = commit("v2");
    private String shared;
    private String onlyV1;

    @BeforeEach
    void twoRevisionsSharingABlob() throws java.io.IOException {
        repo = new CacheFixture(dir).model("acme/tiny");
        shared = repo.file(v1, "config.json", "{}\n");
        onlyV1 = repo.lfsFile(v1, "model.bin", new byte[1000]);
        repo.file(v2, "config.json", "{}\n");
        repo.ref("main", v2).ref("refs/pr/1", v1);
        CacheFixture.write(repo.paths().extracted(BlobName.of(onlyV1)).resolve("x.txt"), new byte[7]);
        ExtractionRecord.of(onlyV1, java.util.Map.of("x.txt", 7L)).writeIfAbsent(repo.paths().extracted(BlobName.of(onlyV1)));
    }

    @Test
    void deletingOneRevisionKeepsBlobsSharedWithAnother() throws java.io.IOException {
        CachedRepo cached = CacheScanner.scan(dir).repos().get(0);
        long record = java.nio.file.Files.size(ExtractionRecord.pathFor(repo.paths().extracted(BlobName.of(onlyV1))));

        DeletePlan plan = CacheDeleter.deleteFromRepo(cached, List.of("refs/pr/1"));
        assertThat(plan.repos()).isEmpty();
        assertThat(plan.expectedFreedSize()).isEqualTo(1007 + record);
        assertThat(plan.execute()).isEmpty();

        assertThat(repo.paths().snapshot(CommitHash.of(v1))).doesNotExist();
        assertThat(repo.paths().ref(Revision.of("refs/pr/1"))).doesNotExist();
        assertThat(repo.paths().blob(BlobName.of(onlyV1))).doesNotExist();
        assertThat(repo.paths().extracted(BlobName.of(onlyV1))).doesNotExist();
        assertThat(repo.paths().blob(BlobName.of(shared))).exists();
        assertThat(repo.paths().snapshotFile(CommitHash.of(v2), RepoFilePath.of("config.json"))).hasContent("{}");
        assertThat(CacheScanner.scan(dir).warnings()).isEmpty();
    }

    @Test
    void aSnapshotLinkLeadingOutOfTheCacheIsNeverFollowedToDelete() throws Exception {
        Path outside = dir.resolveSibling(dir.getFileName() + "-victim.txt");
        Files.writeString(outside, "a user's file");
        try {
            // a hostile or damaged cache: revision v1 links a file to something outside the cache
            Files.createSymbolicLink(repo.paths().snapshotFile(CommitHash.of(v1), RepoFilePath.of("stolen.txt")), outside);
            CachedRepo cached = CacheScanner.scan(dir).repos().get(0);

            DeletePlan plan = CacheDeleter.deleteFromRepo(cached, List.of("refs/pr/1"));
            plan.execute();

            assertThat(outside).hasContent("a user's file");
            Path repoFolder = repo.folder().toRealPath();
            assertThat(plan.blobs()).isNotEmpty().allMatch(b -> b.startsWith(repoFolder));
            assertThat(repo.paths().snapshot(CommitHash.of(v1))).doesNotExist();
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void deletingEveryRevisionRemovesTheRepoFolder() {
        CacheInfo info = CacheScanner.scan(dir);

        DeletePlan plan = CacheDeleter.deleteRevisions(info, List.of(v1, v2, commit("unknown")));
        assertThat(plan.repos()).containsExactly(repo.folder());
        assertThat(plan.expectedFreedSize()).isEqualTo(info.sizeOnDisk());
        assertThat(plan.warnings()).singleElement().asString().contains(commit("unknown"));
        plan.execute();

        assertThat(repo.folder()).doesNotExist();
    }

    @Test
    void noRevisionMeansTheWholeRepo() {
        DeletePlan plan = CacheDeleter.deleteFromRepo(CacheScanner.scan(dir).repos().get(0), List.of());

        assertThat(plan.repos()).containsExactly(repo.folder());
    }

    @Test
    void aPlanDeletesNothingUntilExecuted() throws Exception {
        long before;
        try (var walk = Files.walk(dir)) {
            before = walk.count();
        }

        DeletePlan plan = CacheDeleter.deleteFromRepo(CacheScanner.scan(dir).repos().get(0), List.of("main"));

        assertThat(plan.snapshots()).containsExactly(repo.paths().snapshot(CommitHash.of(v2)));
        assertThat(plan.blobs()).isEmpty(); // config.json is still used by v1
        try (var walk = Files.walk(dir)) {
            assertThat(walk.count()).isEqualTo(before);
        }
    }

    @Test
    void missingPathsAreFineWhenExecuting() throws Exception {
        DeletePlan plan = CacheDeleter.deleteFromRepo(CacheScanner.scan(dir).repos().get(0), List.of(v1));
        DeletePlan.deleteTree(repo.paths().blob(BlobName.of(onlyV1)));

        assertThat(plan.execute()).isEmpty();
    }

    @Test
    void aSnapshotThatFailsToDeleteKeepsItsBlobs() {
        DeletePlan plan = CacheDeleter.deleteFromRepo(CacheScanner.scan(dir).repos().get(0), List.of(v1));
        assertThat(plan.blobs()).contains(repo.paths().blob(BlobName.of(onlyV1)));
        Path v1Snapshot = repo.paths().snapshot(CommitHash.of(v1));

        DeletePlan.Outcome outcome = plan.run(path -> {
            if (path.equals(v1Snapshot)) {
                throw new java.io.IOException("simulated: cannot delete");
            }
            DeletePlan.deleteTree(path);
        });

        assertThat(outcome.failures()).singleElement().asString().contains("simulated");
        assertThat(outcome.kept()).anySatisfy(k -> assertThat(k).contains(onlyV1).contains("still linked"));
        assertThat(repo.paths().blob(BlobName.of(onlyV1))).exists();
        assertThat(repo.paths().extracted(BlobName.of(onlyV1))).exists();
        assertThat(repo.paths().snapshotFile(CommitHash.of(v1), RepoFilePath.of("model.bin"))).hasSize(1000); // the surviving link still works
    }

    @Test
    void aBlobLinkedByANewSnapshotAfterPlanningIsKept() throws Exception {
        DeletePlan plan = CacheDeleter.deleteFromRepo(CacheScanner.scan(dir).repos().get(0), List.of(v1));
        String v3 = commit("v3");
        repo.lfsFile(v3, "sub/model.bin", new byte[1000]); // a download links the existing blob meanwhile

        List<String> result = plan.execute();

        assertThat(result).anySatisfy(k -> assertThat(k).contains(onlyV1).contains("still linked")
                .contains("sub/model.bin"));
        assertThat(repo.paths().snapshot(CommitHash.of(v1))).doesNotExist();
        assertThat(repo.paths().blob(BlobName.of(onlyV1))).exists();
        assertThat(repo.paths().extracted(BlobName.of(onlyV1))).exists();
        assertThat(repo.paths().snapshotFile(CommitHash.of(v3), RepoFilePath.of("sub/model.bin"))).hasSize(1000);
        assertThat(CacheVerifier.verify(dir, java.util.Optional.empty()).ok()).isTrue();
    }

    @Test
    void aBlobWhoseLockIsHeldIsKept() throws Exception {
        DeletePlan plan = CacheDeleter.deleteFromRepo(CacheScanner.scan(dir).repos().get(0), List.of(v1));
        Path lock = repo.paths().lock(BlobName.of(onlyV1));
        CacheFixture.write(lock, new byte[0]);

        DeletePlan.Outcome outcome;
        try (var channel = java.nio.channels.FileChannel.open(lock, java.nio.file.StandardOpenOption.WRITE);
                var held = channel.lock()) {
            outcome = plan.run();
        }

        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.kept()).anySatisfy(k -> assertThat(k).contains(onlyV1).contains("lock"));
        assertThat(repo.paths().blob(BlobName.of(onlyV1))).exists();
    }

    @Test
    void extractionFoldersAndTheirRecordsGoWithTheBlob() throws Exception {
        Path extractedRoot = repo.paths().folder().resolve("extracted");
        Files.writeString(extractedRoot.resolve(onlyV1.substring(0, 8) + ".sha256"), onlyV1);
        CacheFixture.write(extractedRoot.resolve(onlyV1.substring(0, 16)).resolve("y.txt"), new byte[3]);
        CachedRepo cached = CacheScanner.scan(dir).repos().get(0);

        assertThat(CacheDeleter.deleteFromRepo(cached, List.of("refs/pr/1")).execute()).isEmpty();

        assertThat(extractedRoot.resolve(onlyV1.substring(0, 8))).doesNotExist();
        assertThat(extractedRoot.resolve(onlyV1.substring(0, 8) + ".sha256")).doesNotExist();
        assertThat(extractedRoot.resolve(onlyV1.substring(0, 16))).doesNotExist();
    }

    @Test
    void anExtractionFolderRecordedForAnotherBlobStays() throws Exception {
        Path extractedRoot = repo.paths().folder().resolve("extracted");
        String other = onlyV1.substring(0, 8) + "f".repeat(56); // the same first 8 hex, another archive
        Files.writeString(extractedRoot.resolve(onlyV1.substring(0, 8) + ".sha256"), other);
        CachedRepo cached = CacheScanner.scan(dir).repos().get(0);

        assertThat(CacheDeleter.deleteFromRepo(cached, List.of("refs/pr/1")).execute()).isEmpty();

        assertThat(extractedRoot.resolve(onlyV1.substring(0, 8)).resolve("x.txt")).exists();
    }
}
