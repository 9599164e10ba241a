package io.hfhub.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.RepoId;
import io.hfhub.RepoType;
import io.hfhub.Vectors;
import org.junit.jupiter.api.Test;

class HubUrlsTest {
    @Test
    void encodesEveryVectorLikePythonQuote() {
        int checked = 0;
        for (String[] row : Vectors.rows("url-quote.tsv")) {
            String input = Vectors.jsonString(row[1]);
            String encoded = row[0].equals("path") ? HubUrls.quotePath(input) : HubUrls.quoteAll(input);
            assertThat(encoded).as("%s %s", row[0], row[1]).isEqualTo(row[2]);
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void resolveUrlHasTypePrefixEncodedRevisionAndPath() {
        assertThat(HubUrls.resolve("https://hub", RepoType.DATASET, RepoId.of("acme/data"), "refs/pr/1", "sub dir/a#b.txt"))
                .isEqualTo("https://hub/datasets/acme/data/resolve/refs%2Fpr%2F1/sub%20dir/a%23b.txt");
        assertThat(HubUrls.resolve("https://hub", RepoType.MODEL, RepoId.of("gpt2"), "main", "config.json"))
                .isEqualTo("https://hub/gpt2/resolve/main/config.json");
        assertThat(HubUrls.resolve("https://hub", RepoType.SPACE, RepoId.of("x/y"), "main", "app.py"))
                .isEqualTo("https://hub/spaces/x/y/resolve/main/app.py");
    }

    @Test
    void apiUrls() {
        assertThat(HubUrls.revisionInfo("https://hub", RepoType.MODEL, RepoId.of("org/m"), "refs/pr/2"))
                .isEqualTo("https://hub/api/models/org/m/revision/refs%2Fpr%2F2");
        assertThat(HubUrls.tree("https://hub", RepoType.DATASET, RepoId.of("org/d"), "main"))
                .isEqualTo("https://hub/api/datasets/org/d/tree/main?recursive=true&expand=false");
    }
}
