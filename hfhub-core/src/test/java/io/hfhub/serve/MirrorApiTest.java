package io.hfhub.serve;

import static io.hfhub.cache.CacheFixture.commit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hfhub.cache.CacheFixture;
import io.hfhub.cache.MirrorServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mirror's API answers in the Hub's shape, so the Python and JS clients need no change to use it. */
class MirrorApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private MirrorServer server;
    private final String commit = commit("v1");
    private String weightsSha;
    private String configEtag;

    @BeforeEach
    void serveACache() {
        CacheFixture cache = new CacheFixture(dir.resolve("cache"));
        CacheFixture.Repo repo = cache.model("acme/tiny");
        configEtag = repo.file(commit, "config.json", "{}\n");
        weightsSha = repo.lfsFile(commit, "weights/model.bin", new byte[5_000]);
        repo.ref("main", commit);
        server = MirrorServer.start(cache.root(), "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void pathsInfoAnswersFormAndJsonBodiesLeavingMissingPathsOut() throws Exception {
        for (String[] body : new String[][] {
                {"application/x-www-form-urlencoded", "paths=config.json&paths=weights%2Fmodel.bin&paths=weights&paths=nope.txt&paths=..%2Fx&expand=True"},
                {"application/json", "{\"paths\": [\"config.json\", \"weights/model.bin\", \"weights\", \"nope.txt\", \"../x\"], \"expand\": true}"}}) {
            HttpURLConnection c = post("/api/models/acme/tiny/paths-info/main", body[0], body[1]);
            assertThat(c.getResponseCode()).as(body[0]).isEqualTo(200);
            JsonNode entries = JSON.readTree(c.getInputStream());
            List<String> paths = new ArrayList<>();
            entries.forEach(e -> paths.add(e.get("type").asText() + " " + e.get("path").asText()));
            assertThat(paths).containsExactly("file config.json", "file weights/model.bin", "directory weights");
            assertThat(entries.get(0).get("oid").asText()).isEqualTo(configEtag);
            assertThat(entries.get(1).get("lfs").get("oid").asText()).isEqualTo(weightsSha);
            assertThat(entries.get(1).get("size").asLong()).isEqualTo(5_000);
        }
    }

    @Test
    void pathsInfoIsPostOnlyAndTheRestIsNot() throws Exception {
        HttpURLConnection get = (HttpURLConnection) URI.create(server.endpoint() + "/api/models/acme/tiny/paths-info/main")
                .toURL().openConnection();
        assertThat(get.getResponseCode()).isEqualTo(405);
        assertThat(post("/acme/tiny/resolve/main/config.json", "text/plain", "").getResponseCode()).isEqualTo(405);
    }

    @Test
    void repoInfoHasTheHubsFieldsAndBlobsOnRequest() throws Exception {
        JsonNode info = getJson("/api/models/acme/tiny/revision/main");
        assertThat(info.get("id").asText()).isEqualTo("acme/tiny");
        assertThat(info.get("modelId").asText()).isEqualTo("acme/tiny");
        assertThat(info.get("author").asText()).isEqualTo("acme");
        assertThat(info.get("sha").asText()).isEqualTo(commit);
        assertThat(info.get("private").asBoolean()).isFalse();
        assertThat(info.get("gated").asBoolean()).isFalse();
        assertThat(info.get("lastModified").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(info.get("siblings").get(0).fieldNames()).toIterable().containsExactly("rfilename");

        JsonNode blobs = getJson("/api/models/acme/tiny?blobs=true");
        JsonNode model = blobs.get("siblings").get(1);
        assertThat(model.get("rfilename").asText()).isEqualTo("weights/model.bin");
        assertThat(model.get("size").asLong()).isEqualTo(5_000);
        assertThat(model.get("lfs").get("sha256").asText()).isEqualTo(weightsSha);
        assertThat(blobs.get("siblings").get(0).get("blobId").asText()).isEqualTo(configEtag);
    }

    @Test
    void resolveAnswersCarryNoXetHeaders() throws Exception {
        // Every header is made from the cache, which keeps none of the Hub's: a Xet-aware client has no way around
        HttpURLConnection head = (HttpURLConnection) URI.create(server.endpoint() + "/acme/tiny/resolve/main/weights/model.bin")
                .toURL().openConnection();
        head.setRequestMethod("HEAD");
        assertThat(head.getResponseCode()).isEqualTo(200);
        assertThat(head.getHeaderFields().keySet()).filteredOn(k -> k != null
                && (k.toLowerCase().startsWith("x-xet") || k.equalsIgnoreCase("link"))).isEmpty();
    }

    private HttpURLConnection post(String path, String type, String body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(server.endpoint() + path).toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", type);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        return c;
    }

    private JsonNode getJson(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(server.endpoint() + path).toURL().openConnection();
        assertThat(c.getResponseCode()).isEqualTo(200);
        return JSON.readTree(c.getInputStream());
    }
}
