package io.hfhub.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.FileRequest;
import io.hfhub.HfHub;
import io.hfhub.SnapshotRequest;
import io.hfhub.TestHubs;
import io.hfhub.testkit.HubServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The core cases (download, resume, ranged, snapshot) over plain HTTP and over HTTPS alike. */
class CoreOverHttpsTest {
    @TempDir
    Path cache;

    private static HubServer start(String scheme) {
        return scheme.equals("https") ? HubServer.startHttps() : HubServer.start();
    }

    /** Over HTTPS the testkit's CA comes in through REQUESTS_CA_BUNDLE, as a user's corporate CA would. */
    private HfHub client(HubServer server, String scheme) {
        Map<String, String> env = scheme.equals("https")
                ? Map.of("REQUESTS_CA_BUNDLE", HubServer.caBundle().toString()) : Map.of();
        return TestHubs.builder(server, cache).environment(env).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "https"})
    void regularAndLfsDownloads(String scheme) throws Exception {
        byte[] weights = bytes(200_000, 1);
        try (HubServer server = start(scheme); HfHub client = client(server, scheme)) {
            assertThat(server.endpoint()).startsWith(scheme + "://");
            server.repo("acme/tls").file("config.json", "{}").lfsFile("model.bin", weights);
            assertThat(Files.readString(client.download("acme/tls", "config.json"))).isEqualTo("{}");
            assertThat(Files.readAllBytes(client.download("acme/tls", "model.bin"))).isEqualTo(weights);
            assertThat(server.requests("cdn")).isNotEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "https"})
    void aCutDownloadResumesWithARange(String scheme) throws Exception {
        byte[] weights = bytes(500_000, 2);
        try (HubServer server = start(scheme); HfHub client = client(server, scheme)) {
            server.repo("acme/tls").lfsFile("model.bin", weights);
            server.faults().on("cdn").times(1).cutAfter(100_000);
            assertThat(Files.readAllBytes(client.download("acme/tls", "model.bin"))).isEqualTo(weights);
            assertThat(server.requests("cdn")).anySatisfy(r -> assertThat(r.header("Range")).startsWith("bytes="));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "https"})
    void aLargeFileComesAsParallelRanges(String scheme) throws Exception {
        byte[] weights = bytes(3_000_000, 3);
        try (HubServer server = start(scheme);
                HfHub client = TestHubs.builder(server, cache).environment(scheme.equals("https")
                        ? Map.of("SSL_CERT_FILE", HubServer.caBundle().toString()) : Map.of())
                        .rangeThreshold(1_000_000).rangeChunkSize(500_000).build()) {
            server.repo("acme/tls").lfsFile("big.bin", weights);
            assertThat(Files.readAllBytes(client.download(FileRequest.of("acme/tls", "big.bin")))).isEqualTo(weights);
            assertThat(server.requests("cdn").stream().filter(r -> r.header("Range") != null).count()).isGreaterThan(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "https"})
    void aWholeSnapshot(String scheme) throws Exception {
        try (HubServer server = start(scheme); HfHub client = client(server, scheme)) {
            server.treePageSize(2);
            server.repo("acme/tls").file("a.txt", "a").file("b/c.txt", "c").file("d.txt", "d")
                    .lfsFile("e.bin", bytes(50_000, 4));
            Path folder = client.snapshot(SnapshotRequest.builder("acme/tls").build());
            assertThat(Files.readString(folder.resolve("b/c.txt"))).isEqualTo("c");
            assertThat(Files.size(folder.resolve("e.bin"))).isEqualTo(50_000);
        }
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
