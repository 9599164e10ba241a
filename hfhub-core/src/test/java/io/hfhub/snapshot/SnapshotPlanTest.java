package io.hfhub.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.store.BlobName;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotPlanTest {
    private static final List<RepoFile> LISTING = List.of(
            RepoFile.regular("config.json", 500, BlobName.of("a".repeat(40))),
            RepoFile.lfs("model-00001.safetensors", 5_000, BlobName.of("b".repeat(40)), BlobName.of("1".repeat(64))),
            RepoFile.regular("README.md", 100, BlobName.of("c".repeat(40))),
            RepoFile.lfs("model-00002.safetensors", 3_000, BlobName.of("d".repeat(40)), BlobName.of("2".repeat(64))),
            RepoFile.regular("tokenizer.json", 500, BlobName.of("e".repeat(40))),
            RepoFile.lfs("onnx/model.onnx", 9_000, BlobName.of("f".repeat(40)), BlobName.of("3".repeat(64))));

    @Test
    void selectsByFilterLargestFirstWithTotals() {
        SnapshotPlan plan = SnapshotPlan.of(LISTING, PathFilter.of(null, List.of("onnx/")));

        assertThat(plan.files()).extracting(RepoFile::path).containsExactly(
                "model-00001.safetensors", "model-00002.safetensors", "config.json", "tokenizer.json", "README.md");
        assertThat(plan.fileCount()).isEqualTo(5);
        assertThat(plan.totalBytes()).isEqualTo(9_100);
    }

    @Test
    void emptySelection() {
        SnapshotPlan plan = SnapshotPlan.of(LISTING, PathFilter.allow("*.gguf"));

        assertThat(plan.files()).isEmpty();
        assertThat(plan.totalBytes()).isZero();
    }
}
