package io.hfhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.RepoId;
import io.hfhub.RepoType;
import io.hfhub.Vectors;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CacheLayoutTest {
    @Test
    void repoFoldersMatchPython() {
        for (String[] row : Vectors.rows("repo-folders.tsv")) {
            assertThat(CacheLayout.repoFolderName(RepoType.parse(row[0]), RepoId.of(row[1]))).isEqualTo(row[2]);
        }
    }

    @Test
    void snapshotLinksAreRelativeLikePython() {
        for (String[] row : Vectors.rows("snapshot-links.tsv")) {
            assertThat(RepoCache.relativeBlobTarget(RepoFilePath.of(row[0]), BlobName.of("e".repeat(40)))).as(row[0]).isEqualTo(row[1].replace("ETAG", "e".repeat(40)));
        }
    }

    @Test
    void linkTargetResolvesToTheBlob() {
        RepoCache repo = new CacheLayout(Path.of("/c")).repo(RepoType.MODEL, RepoId.of("o/n"));
        Path pointer = repo.snapshotFile(CommitHash.of("abc".repeat(13) + "a"), RepoFilePath.of("a/b/c.txt"));
        assertThat(pointer.getParent().resolve(RepoCache.relativeBlobTarget(RepoFilePath.of("a/b/c.txt"), BlobName.of("e".repeat(64)))).normalize())
                .isEqualTo(repo.blob(BlobName.of("e".repeat(64))));
        assertThat(repo.lock(BlobName.of("e".repeat(64)))).isEqualTo(Path.of("/c/.locks/models--o--n/" + "e".repeat(64) + ".lock"));
        assertThat(repo.ref(Revision.of("refs/pr/1"))).isEqualTo(Path.of("/c/models--o--n/refs/refs/pr/1"));
    }

    @Test
    void unsafeRepoPathsAreRefused() {
        for (String bad : new String[] {"../x", "a/../../x", "/etc/passwd", "C:/x", "a\\b", "a//b", "./a", "", "a/"}) {
            assertThatThrownBy(() -> RepoPaths.requireSafe(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(RepoPaths.requireSafe("sub dir/données #1.txt")).isEqualTo("sub dir/données #1.txt");
        assertThat(RepoPaths.join("onnx", "model.onnx")).isEqualTo("onnx/model.onnx");
        assertThat(RepoPaths.join("", "a")).isEqualTo("a");
    }

    @Test
    void repoIdsAreValidatedLikeTheHub() {
        for (String bad : new String[] {"a--b", "a/b/c", "a..b", "x.git", "", "a b", "/a"}) {
            assertThatThrownBy(() -> RepoId.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(RepoId.of("openai-community/gpt2").value()).isEqualTo("openai-community/gpt2");
        assertThat(RepoId.of("gpt2").value()).isEqualTo("gpt2");
    }
}
