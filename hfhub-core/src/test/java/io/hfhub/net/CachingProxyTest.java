package io.hfhub.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.FileRequest;
import io.hfhub.HfHub;
import io.hfhub.SnapshotRequest;
import io.hfhub.TestHubs;
import io.hfhub.testkit.HubServer;
import io.hfhub.testkit.RepoBuilder;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real nginx from Debian with {@code proxy_cache} in front of the testkit Hub and CDN, configured as the README
 * recommends for sharing downloads across machines: LFS bytes are cached (keyed by path, so every presigned URL of
 * one object is one cache entry), metadata always asks the Hub. Each client below has its own empty cache, as
 * another machine would.
 */
class CachingProxyTest {
    @TempDir
    Path dir;

    private HubServer server;
    private Daemon nginx;
    private String mirror;

    @BeforeEach
    void start() throws IOException {
        Path program = Daemon.program("nginx");
        server = HubServer.start();
        int port = Daemon.freePort();
        mirror = "http://127.0.0.1:" + port;
        Path conf = NginxConfig.write(dir.resolve("nginx"), port, server.endpoint(), server.cdnEndpoint(), mirror);
        nginx = Daemon.start(List.of(program.toString(), "-p", conf.getParent().toString(), "-c", conf.toString(),
                "-e", conf.getParent().resolve("error.log").toString()), dir.resolve("nginx.out"), port);
    }

    @AfterEach
    void stop() {
        try {
            if (nginx != null) {
                nginx.close();
            }
        } finally {
            server.close();
        }
    }

    private HfHub client(String name, String endpoint) {
        return TestHubs.builder(endpoint, dir.resolve("machine-" + name)).rangeThreshold(1_000_000).rangeChunkSize(300_000).build();
    }

    @Test
    void aWarmDownloadComesFromNginxsCache() throws Exception {
        byte[] weights = CoreOverHttpsTest.bytes(500_000, 10);
        server.repo("acme/shared").lfsFile("model.bin", weights);
        try (HfHub first = client("a", mirror + "/hf")) {
            assertThat(Files.readAllBytes(first.download("acme/shared", "model.bin"))).isEqualTo(weights);
        }
        assertThat(server.requests("cdn")).hasSize(1);
        server.clearRequests();
        try (HfHub second = client("b", mirror + "/hf")) {
            assertThat(Files.readAllBytes(second.download("acme/shared", "model.bin"))).isEqualTo(weights);
        }
        assertThat(server.requests("cdn")).as("served by nginx").isEmpty();
        assertThat(server.requests("hub")).extracting(r -> r.method()).containsOnly("HEAD"); // metadata stays fresh
        assertThat(accessLog()).contains("GET /_cdn/ 200 MISS").contains("GET /_cdn/ 200 HIT");
    }

    @Test
    void rangedAndResumedDownloadsGoThroughIt() throws Exception {
        byte[] big = CoreOverHttpsTest.bytes(3_000_000, 11);
        server.repo("acme/shared").lfsFile("big.bin", big);
        // cold, and the CDN cuts nginx's fetch: the client resumes with ranges through nginx
        server.faults().on("cdn").times(1).cutAfter(200_000);
        try (HfHub cold = client("a", mirror + "/hf")) {
            assertThat(Files.readAllBytes(cold.download(FileRequest.of("acme/shared", "big.bin")))).isEqualTo(big);
        }
        assertThat(server.requests("cdn")).as("the cut fetch and one whole fetch").hasSize(2);
        assertThat(accessLog().lines().filter(l -> l.equals("GET /_cdn/ 206 MISS")).count()).isEqualTo(2);
        server.clearRequests();
        // warm: parallel ranges answered by nginx from its cache
        try (HfHub warm = client("b", mirror + "/hf")) {
            assertThat(Files.readAllBytes(warm.download(FileRequest.of("acme/shared", "big.bin")))).isEqualTo(big);
        }
        assertThat(server.requests("cdn")).isEmpty();
        assertThat(accessLog()).contains("GET /_cdn/ 206 HIT");
    }

    @Test
    void aWholeSnapshotWithPaginationAndARenameBehindAPathPrefix() throws Exception {
        server.treePageSize(2);
        RepoBuilder repo = server.repo("acme/shared").file("a.txt", "a").file("b/c.txt", "c").file("d.txt", "d")
                .lfsFile("e.bin", CoreOverHttpsTest.bytes(70_000, 12)).lfsFile("f.bin", CoreOverHttpsTest.bytes(90_000, 13));
        server.rename("acme/shared", "acme/renamed");
        for (String machine : List.of("a", "b")) {
            try (HfHub client = client(machine, mirror + "/hf")) {
                Path folder = client.snapshot(SnapshotRequest.builder("acme/renamed").build());
                assertThat(folder.getFileName().toString()).isEqualTo(repo.commit());
                try (var files = Files.walk(folder)) {
                    assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(5);
                }
                // a single file by the old name: the Hub's relative rename redirect keeps the /hf prefix
                assertThat(Files.readString(client.download("acme/shared", "b/c.txt"))).isEqualTo("c");
            }
        }
        assertThat(server.requests("cdn")).hasSize(2); // e.bin and f.bin once, for both machines
        assertThat(accessLog()).doesNotContain(" 404 ");
    }

    @Test
    void xetHeadersStopAtTheMirror() throws Exception {
        server.repo("acme/xet").xetBacked().lfsFile("model.bin", CoreOverHttpsTest.bytes(1_000, 14));
        Map<String, List<String>> direct = head(server.endpoint() + "/acme/xet/resolve/main/model.bin");
        Map<String, List<String>> mirrored = head(mirror + "/hf/acme/xet/resolve/main/model.bin");
        assertThat(direct).containsKeys("X-Xet-Hash", "X-Xet-Refresh-Route", "Link");
        assertThat(mirrored.keySet()).filteredOn(k -> k != null && (k.startsWith("X-Xet") || k.equals("Link"))).isEmpty();
        assertThat(mirrored.get("Location")).singleElement().asString().startsWith(mirror + "/_cdn/");
        assertThat(mirrored.get("X-Linked-Etag")).isEqualTo(direct.get("X-Linked-Etag"));
        try (HfHub client = client("a", mirror + "/hf")) {
            assertThat(Files.size(client.download("acme/xet", "model.bin"))).isEqualTo(1_000);
        }
    }

    private static Map<String, List<String>> head(String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection(Proxy.NO_PROXY);
        connection.setRequestMethod("HEAD");
        connection.setInstanceFollowRedirects(false);
        try {
            assertThat(connection.getResponseCode()).isEqualTo(302);
            return connection.getHeaderFields();
        } finally {
            connection.disconnect();
        }
    }

    private String accessLog() throws IOException {
        return Files.readString(dir.resolve("nginx/access.log"));
    }
}
