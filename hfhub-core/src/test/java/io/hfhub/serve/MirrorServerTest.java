package io.hfhub.serve;

import static io.hfhub.cache.CacheFixture.commit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hfhub.RepoType;
import io.hfhub.cache.CacheFixture;
import io.hfhub.cache.MirrorServer;
import io.hfhub.store.BlobName;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorServerTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    MirrorServer server;
    CacheFixture.Repo repo;
    final String v1 = commit("v1");
    final String v2 = commit("v2");
    final byte[] weights = weights();
    String weightsSha;
    String configEtag;

    static byte[] weights() {
        byte[] bytes = new byte[200_000];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    @BeforeEach
    void serveACache() {
        CacheFixture cache = new CacheFixture(dir.resolve("cache"));
        repo = cache.model("acme/tiny");
        configEtag = repo.file(v2, "config.json", "{\"model_type\": \"tiny\"}\n");
        weightsSha = repo.lfsFile(v2, "weights/model.bin", weights);
        repo.file(v2, "sub dir/données #1.txt", "x");
        repo.file(v1, "config.json", "{}\n");
        repo.ref("main", v2).ref("refs/pr/1", v1);
        cache.repo(RepoType.DATASET, "acme/data").file(v1, "train.csv", "a,b\n");
        server = MirrorServer.start(cache.root(), "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpURLConnection open(String method, String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(server.endpoint() + path).openConnection();
        c.setRequestMethod(method);
        c.setInstanceFollowRedirects(false);
        c.setRequestProperty("Accept-Encoding", "identity"); // as the Python client's HEAD
        return c;
    }

    static byte[] body(HttpURLConnection c) throws IOException {
        InputStream in = c.getResponseCode() >= 400 ? c.getErrorStream() : c.getInputStream();
        return in == null ? new byte[0] : in.readAllBytes();
    }

    @Test
    void headThenRangedGetAsThePythonClientDoes() throws Exception {
        HttpURLConnection head = open("HEAD", "/acme/tiny/resolve/main/weights/model.bin");
        assertThat(head.getResponseCode()).isEqualTo(200);
        assertThat(head.getHeaderField("X-Repo-Commit")).isEqualTo(v2);
        assertThat(head.getHeaderField("X-Linked-Etag")).isEqualTo("\"" + weightsSha + "\"");
        assertThat(head.getHeaderField("X-Linked-Size")).isEqualTo("200000");
        assertThat(head.getHeaderField("Content-Length")).isEqualTo("200000");
        assertThat(head.getHeaderField("Accept-Ranges")).isEqualTo("bytes");

        HttpURLConnection get = open("GET", "/acme/tiny/resolve/" + v2 + "/weights/model.bin");
        get.setRequestProperty("Range", "bytes=150000-");
        assertThat(get.getResponseCode()).isEqualTo(206);
        assertThat(get.getHeaderField("Content-Range")).isEqualTo("bytes 150000-199999/200000");
        assertThat(body(get)).isEqualTo(Arrays.copyOfRange(weights, 150000, 200000));
    }

    @Test
    void regularFileHasItsGitEtagAndNoLinkedHeaders() throws Exception {
        HttpURLConnection get = open("GET", "/acme/tiny/resolve/main/config.json");

        assertThat(get.getResponseCode()).isEqualTo(200);
        assertThat(get.getHeaderField("ETag")).isEqualTo("\"" + configEtag + "\"");
        assertThat(get.getHeaderField("X-Linked-Etag")).isNull();
        assertThat(new String(body(get), StandardCharsets.UTF_8)).isEqualTo("{\"model_type\": \"tiny\"}\n");
    }

    @Test
    void encodedPrRevisionAndEncodedFileNamesResolve() throws Exception {
        HttpURLConnection pr = open("GET", "/acme/tiny/resolve/refs%2Fpr%2F1/config.json");
        assertThat(pr.getResponseCode()).isEqualTo(200);
        assertThat(pr.getHeaderField("X-Repo-Commit")).isEqualTo(v1);
        assertThat(body(pr)).asString().isEqualTo("{}\n");

        HttpURLConnection unicode = open("GET", "/acme/tiny/resolve/main/sub%20dir/donn%C3%A9es%20%231.txt");
        assertThat(unicode.getResponseCode()).isEqualTo(200);

        HttpURLConnection dataset = open("HEAD", "/datasets/acme/data/resolve/" + v1 + "/train.csv");
        assertThat(dataset.getResponseCode()).isEqualTo(200);
    }

    @Test
    void errorsCarryTheHubErrorCodes() throws Exception {
        HttpURLConnection repoMissing = open("GET", "/acme/nope/resolve/main/config.json");
        assertThat(repoMissing.getResponseCode()).isEqualTo(404);
        assertThat(repoMissing.getHeaderField("X-Error-Code")).isEqualTo("RepoNotFound");
        assertThat(JSON.readTree(body(repoMissing)).get("error").asText()).contains("acme/nope");

        HttpURLConnection revMissing = open("HEAD", "/acme/tiny/resolve/v9/config.json");
        assertThat(revMissing.getHeaderField("X-Error-Code")).isEqualTo("RevisionNotFound");

        HttpURLConnection entryMissing = open("HEAD", "/acme/tiny/resolve/main/nope.txt");
        assertThat(entryMissing.getResponseCode()).isEqualTo(404);
        assertThat(entryMissing.getHeaderField("X-Error-Code")).isEqualTo("EntryNotFound");
        assertThat(entryMissing.getHeaderField("X-Repo-Commit")).isEqualTo(v2);
        assertThat(entryMissing.getHeaderField("X-Error-Message")).contains("nope.txt");
    }

    @Test
    void rangeBeyondTheEndIs416() throws Exception {
        HttpURLConnection get = open("GET", "/acme/tiny/resolve/main/weights/model.bin");
        get.setRequestProperty("Range", "bytes=200000-");

        assertThat(get.getResponseCode()).isEqualTo(416);
        assertThat(get.getHeaderField("Content-Range")).isEqualTo("bytes */200000");
    }

    @Test
    void onlyGetAndHeadAreAllowed() throws Exception {
        for (String method : new String[] {"POST", "PUT", "DELETE"}) {
            HttpURLConnection c = open(method, "/acme/tiny/resolve/main/config.json");
            assertThat(c.getResponseCode()).as(method).isEqualTo(405);
            assertThat(c.getHeaderField("Allow")).isEqualTo("GET, HEAD");
        }
        assertThat(Files.exists(repo.paths().blob(BlobName.of(configEtag)))).isTrue();
    }

    @Test
    void repoInfoListsSiblingsAtTheResolvedCommit() throws Exception {
        JsonNode info = JSON.readTree(body(open("GET", "/api/models/acme/tiny")));
        assertThat(info.get("id").asText()).isEqualTo("acme/tiny");
        assertThat(info.get("sha").asText()).isEqualTo(v2);
        assertThat(info.get("siblings").findValuesAsText("rfilename"))
                .containsExactly("config.json", "sub dir/données #1.txt", "weights/model.bin");

        JsonNode pr = JSON.readTree(body(open("GET", "/api/models/acme/tiny/revision/refs%2Fpr%2F1")));
        assertThat(pr.get("sha").asText()).isEqualTo(v1);
    }

    @Test
    void treeListsFilesWithLfsInfoAndFolders() throws Exception {
        JsonNode top = JSON.readTree(body(open("GET", "/api/models/acme/tiny/tree/main?recursive=false")));
        assertThat(top.findValuesAsText("path")).containsExactly("config.json", "sub dir", "weights");
        assertThat(top.get(1).get("type").asText()).isEqualTo("directory");

        JsonNode weightsDir = JSON.readTree(body(open("GET", "/api/models/acme/tiny/tree/main/weights?recursive=True")));
        JsonNode file = weightsDir.get(0);
        assertThat(file.get("path").asText()).isEqualTo("weights/model.bin");
        assertThat(file.get("size").asLong()).isEqualTo(200_000);
        assertThat(file.get("lfs").get("oid").asText()).isEqualTo(weightsSha);
        assertThat(file.get("lfs").has("pointerSize")).isTrue();

        JsonNode all = JSON.readTree(body(open("GET", "/api/models/acme/tiny/tree/main?recursive=true")));
        assertThat(all.findValuesAsText("path")).contains("sub dir/données #1.txt", "weights/model.bin");
    }

    @Test
    void longTreeListingsArePaginatedWithALinkHeader() throws Exception {
        String c = commit("many");
        for (int i = 0; i < ApiResponder.PAGE_SIZE + 5; i++) {
            repo.file(c, String.format("f/%04d.txt", i), Integer.toString(i));
        }
        HttpURLConnection first = open("GET", "/api/models/acme/tiny/tree/" + c + "/f?recursive=true");
        assertThat(JSON.readTree(body(first)).size()).isEqualTo(ApiResponder.PAGE_SIZE);
        String link = first.getHeaderField("Link");
        assertThat(link).endsWith(">; rel=\"next\"");

        String next = link.substring(1, link.indexOf('>'));
        HttpURLConnection second = (HttpURLConnection) new URL(next).openConnection();
        JsonNode page = JSON.readTree(body(second));
        assertThat(page.size()).isEqualTo(5);
        assertThat(page.get(4).get("path").asText()).isEqualTo("f/1004.txt");
        assertThat(second.getHeaderField("Link")).isNull();
    }

    @Test
    void concurrentClientsGetTheSameBytes() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.List<java.util.concurrent.Future<byte[]>> downloads = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                downloads.add(pool.submit(() -> body(open("GET", "/acme/tiny/resolve/main/weights/model.bin"))));
            }
            for (java.util.concurrent.Future<byte[]> download : downloads) {
                assertThat(download.get()).isEqualTo(weights);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void emptyFileHasALengthOfZero() throws Exception {
        repo.file(v2, "empty.txt", "");

        HttpURLConnection head = open("HEAD", "/acme/tiny/resolve/main/empty.txt");
        assertThat(head.getHeaderField("Content-Length")).isEqualTo("0");
        HttpURLConnection get = open("GET", "/acme/tiny/resolve/main/empty.txt");
        assertThat(get.getResponseCode()).isEqualTo(200);
        assertThat(body(get)).isEmpty();
    }
}
