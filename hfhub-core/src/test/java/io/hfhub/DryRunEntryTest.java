package io.hfhub;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.snapshot.RepoFile;
import io.hfhub.store.BlobName;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DryRunEntryTest {
    @Test
    void followsPythonsWillDownloadRule() {
        RepoFile file = RepoFile.regular("config.json", 500, BlobName.of("a".repeat(40)));
        Path where = Path.of("/tmp/x/config.json");

        assertThat(DryRunEntry.of(file, true, false, where))
                .isEqualTo(new DryRunEntry("config.json", 500, true, false, where));
        assertThat(DryRunEntry.of(file, false, false, where).willDownload()).isTrue();
        assertThat(DryRunEntry.of(file, true, true, where).willDownload()).isTrue();
    }
}
