package io.hfhub.cache;

import static io.hfhub.cache.CacheFixture.commit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.RepoType;
import io.hfhub.store.BlobHash;
import io.hfhub.store.BlobName;
import io.hfhub.store.CommitHash;
import io.hfhub.store.RepoFilePath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheScannerTest {
    @TempDir
    Path dir;

    @Test
    void sharedBlobsCountOnceAndRefsIncludeNestedPrRefs() throws Exception {
        CacheFixture cache = new CacheFixture(dir);
        CacheFixture.Repo repo = cache.model("acme/tiny");
        String v1 = commit("v1");
        String v2 = commit("v2");
        repo.file(v1, "config.json", "{}\n");
        repo.lfsFile(v1, "model.bin", new byte[1000]);
        repo.file(v2, "config.json", "{}\n"); // same blob as v1
        repo.lfsFile(v2, "onnx/model.onnx", new byte[500]);
        repo.ref("main", v2).ref("refs/pr/1", v1);

        CacheInfo info = CacheScanner.scan(dir);

        assertThat(info.warnings()).isEmpty();
        CachedRepo cached = info.repos().get(0);
        assertThat(cached.repoId()).isEqualTo("acme/tiny");
        assertThat(cached.repoType()).isEqualTo(RepoType.MODEL);
        assertThat(cached.nbFiles()).isEqualTo(3);
        assertThat(cached.sizeOnDisk()).isEqualTo(3 + 1000 + 500);
        assertThat(info.sizeOnDisk()).isEqualTo(1503);
        assertThat(cached.refs()).isEqualTo(Map.of("main", v2, "refs/pr/1", v1));
        CachedRevision second = cached.revision("main").orElseThrow();
        assertThat(second.sizeOnDisk()).isEqualTo(503);
        assertThat(second.files()).extracting(CachedFile::fileName).containsExactly("config.json", "onnx/model.onnx");
        assertThat(second.files().get(1).blobPath()).isEqualTo(repo.paths().blob(BlobName.of(BlobHash.SHA256.of(new byte[500]))).toRealPath());
        assertThat(cached.revision("refs/pr/1").orElseThrow().refs()).containsExactly("refs/pr/1");
    }

    @Test
    void extractedArchivesCountInTheRepoSize() throws Exception {
        CacheFixture.Repo repo = new CacheFixture(dir).model("acme/archive");
        String sha = repo.lfsFile(commit("a"), "data.tar", new byte[100]);
        CacheFixture.write(repo.paths().extracted(BlobName.of(sha)).resolve("inner/file.txt"), new byte[40]);

        assertThat(CacheScanner.scan(dir).repos().get(0).sizeOnDisk()).isEqualTo(140);
    }

    @Test
    void corruptedReposAreSkippedWithAWarning() throws Exception {
        CacheFixture cache = new CacheFixture(dir);
        cache.model("acme/good").file(commit("g"), "a.txt", "a");
        CacheFixture.Repo broken = cache.model("acme/broken-link");
        broken.symlink(commit("b"), "gone.bin", "../../blobs/" + "0".repeat(64));
        cache.model("acme/dangling-ref").ref("main", commit("missing"));
        Files.createDirectories(cache.model("acme/dangling-ref").paths().snapshots());
        Files.createDirectories(dir.resolve("models--acme--no-snapshots"));
        Files.createDirectories(dir.resolve("not-a-repo"));
        Files.createDirectories(dir.resolve("widgets--acme--x/snapshots"));
        Files.createDirectories(dir.resolve(".locks/models--acme--good"));
        Files.writeString(dir.resolve("CACHEDIR.TAG"), "Signature: 8a477f597d28d172789f06886806bc55");

        CacheInfo info = CacheScanner.scan(dir);

        assertThat(info.repos()).extracting(CachedRepo::repoId).containsExactly("acme/good");
        assertThat(info.warnings()).extracting(CacheWarning::message).satisfiesExactlyInAnyOrder(
                m -> assertThat(m).startsWith("Blob missing (broken symlink)"),
                m -> assertThat(m).startsWith("Reference(s) refer to missing commit hashes"),
                m -> assertThat(m).startsWith("Snapshots dir doesn't exist"),
                m -> assertThat(m).startsWith("Repo path is not a valid HuggingFace cache directory"),
                m -> assertThat(m).startsWith("Repo type must be `dataset`, `model` or `space`, found `widget`"));
    }

    @Test
    void noSymlinkLayoutCountsRealFilesAsTheirOwnBlobs() throws Exception {
        CacheFixture.Repo repo = new CacheFixture(dir).repo(RepoType.DATASET, "acme/plain");
        String v1 = commit("v1");
        String v2 = commit("v2");
        repo.realFile(v1, "data.csv", "1,2,3\n");
        repo.realFile(v2, "data.csv", "1,2,3\n"); // duplicated per revision, as Python does without symlinks
        repo.ref("main", v2);

        CachedRepo cached = CacheScanner.scan(dir).repos().get(0);

        assertThat(cached.repoType()).isEqualTo(RepoType.DATASET);
        assertThat(cached.nbFiles()).isEqualTo(2);
        assertThat(cached.sizeOnDisk()).isEqualTo(12);
        assertThat(cached.revision("main").orElseThrow().files().get(0).blobPath())
                .isEqualTo(repo.paths().snapshotFile(CommitHash.of(v2), RepoFilePath.of("data.csv")).toRealPath());
    }

    @Test
    void incompleteFilesAreListed() {
        CacheFixture.Repo repo = new CacheFixture(dir).model("acme/tiny");
        repo.file(commit("v"), "a.txt", "a");
        repo.partial("f".repeat(64), 300, "{}");

        CacheInfo info = CacheScanner.scan(dir);

        assertThat(info.incompleteFiles()).singleElement()
                .satisfies(f -> assertThat(f.sizeOnDisk()).isEqualTo(300));
        assertThat(info.incompleteSizeOnDisk()).isEqualTo(300);
        assertThat(info.sizeOnDisk()).isEqualTo(1);
    }

    @Test
    void missingCacheDirIsAClearError() {
        assertThatThrownBy(() -> CacheScanner.scan(dir.resolve("nope")))
                .isInstanceOf(CacheNotFoundException.class).hasMessageContaining("HF_HUB_CACHE");
    }

    @Test
    void gitBlobHashMatchesTheReferenceVectors() {
        assertThat(BlobHash.GIT_SHA1.of("hello\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");
        assertThat(BlobHash.SHA256.of("hello\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
    }
}
