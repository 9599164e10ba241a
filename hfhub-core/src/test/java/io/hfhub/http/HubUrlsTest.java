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

    @Test
    void paginationLinksLandOnTheEndpointWithItsPrefix() {
        String mirror = "https://art.corp/artifactory/api/huggingfaceml/hf";
        String query = "?recursive=true&expand=false&cursor=abc";
        // a link passed on from the Hub, one without the prefix, one already right
        assertThat(HubUrls.apiLinkOnEndpoint(mirror, RepoType.MODEL,
                java.net.URI.create("https://huggingface.co/api/models/org/api/tree/main" + query)))
                .isEqualTo(mirror + "/api/models/org/api/tree/main" + query);
        assertThat(HubUrls.apiLinkOnEndpoint(mirror, RepoType.MODEL,
                java.net.URI.create("https://art.corp/api/models/org/x/tree/main" + query)))
                .isEqualTo(mirror + "/api/models/org/x/tree/main" + query);
        assertThat(HubUrls.apiLinkOnEndpoint(mirror, RepoType.DATASET,
                java.net.URI.create(mirror + "/api/datasets/org/x/tree/main" + query)))
                .isEqualTo(mirror + "/api/datasets/org/x/tree/main" + query);
        assertThat(HubUrls.apiLinkOnEndpoint(mirror, RepoType.MODEL, java.net.URI.create("https://evil.example/steal")))
                .isNull();
    }

    @Test
    void relativeRedirectsKeepTheEndpointsPrefix() {
        String mirror = "http://mirror:8080/hf";
        java.net.URI renamed = java.net.URI.create("http://mirror:8080/org/new/resolve/main/a.txt");
        assertThat(HubUrls.keepEndpointPrefix(mirror, mirror + "/org/old/resolve/main/a.txt", renamed))
                .isEqualTo(mirror + "/org/new/resolve/main/a.txt");
        assertThat(HubUrls.keepEndpointPrefix(mirror, mirror + "/x", java.net.URI.create(mirror + "/org/new")))
                .isEqualTo(mirror + "/org/new");
        // no prefix, another origin, or a request that did not go to the endpoint: unchanged
        assertThat(HubUrls.keepEndpointPrefix("http://hub", "http://hub/x", java.net.URI.create("http://hub/y")))
                .isEqualTo("http://hub/y");
        assertThat(HubUrls.keepEndpointPrefix(mirror, "http://cdn/x", java.net.URI.create("http://cdn/y")))
                .isEqualTo("http://cdn/y");
    }
}
