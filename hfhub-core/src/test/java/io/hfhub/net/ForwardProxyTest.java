package io.hfhub.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.FileRequest;
import io.hfhub.HfHub;
import io.hfhub.ProxyException;
import io.hfhub.SnapshotRequest;
import io.hfhub.TestHubs;
import io.hfhub.testkit.HubServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads through a real forward proxy, tinyproxy from Debian, started with a generated configuration on a
 * free loopback port: HTTPS through CONNECT tunnels (with and without a password), plain HTTP, NO_PROXY, and a
 * proxy that is not there.
 */
class ForwardProxyTest {
    private static final String PASSWORD = "pr0xy-S3CRET-pw";

    @TempDir
    Path dir;

    private Daemon tinyproxy(boolean withPassword) throws IOException {
        Path program = Daemon.program("tinyproxy");
        int port = Daemon.freePort();
        Path config = dir.resolve("tinyproxy-" + port + ".conf");
        // No ConnectPort line: CONNECT to any port (the testkit's are ephemeral). No Allow line: any client.
        Files.writeString(config, String.join("\n",
                "Port " + port, "Listen 127.0.0.1", "Timeout 30", "MaxClients 64", "LogLevel Connect",
                "DisableViaHeader Yes", withPassword ? "BasicAuth hf-user " + PASSWORD : "", ""));
        return Daemon.start(List.of(program.toString(), "-d", "-c", config.toString()), dir.resolve("tinyproxy-" + port + ".log"), port);
    }

    private HfHub client(HubServer server, Path cache, Map<String, String> vars, List<Duration> sleeps) {
        Map<String, String> env = new HashMap<>(vars);
        if (server.isHttps()) {
            env.put("REQUESTS_CA_BUNDLE", HubServer.caBundle().toString());
        }
        return TestHubs.withSleeper(TestHubs.builder(server, cache).environment(env), sleeps::add)
                .rangeThreshold(1_000_000).rangeChunkSize(400_000).build();
    }

    private HfHub client(HubServer server, Path cache, Map<String, String> vars) {
        return client(server, cache, vars, new CopyOnWriteArrayList<>());
    }

    @Test
    void httpsGoesThroughTheProxysConnectTunnels() throws Exception {
        byte[] weights = CoreOverHttpsTest.bytes(300_000, 5);
        try (Daemon proxy = tinyproxy(false); HubServer server = HubServer.startHttps()) {
            server.repo("acme/proxied").file("config.json", "{}").lfsFile("model.bin", weights);
            try (HfHub client = client(server, dir.resolve("cache"), Map.of("HTTPS_PROXY", proxyUrl(proxy, null)))) {
                assertThat(Files.readAllBytes(client.download("acme/proxied", "model.bin"))).isEqualTo(weights);
            }
            // the Hub (127.0.0.1) and the CDN (127.0.0.2) were both reached through tunnels
            assertThat(proxy.log()).contains("Established connection to host \"127.0.0.1\"")
                    .contains("Established connection to host \"127.0.0.2\"");
        }
    }

    /** An SSLContext given to the builder is the trust of every connection: Hub, CDN, and both through tunnels. */
    @Test
    void theBuildersSslContextAloneTrustsTheHubAndTheCdnThroughTunnels() throws Exception {
        byte[] weights = CoreOverHttpsTest.bytes(300_000, 6);
        try (Daemon proxy = tinyproxy(false); HubServer server = HubServer.startHttps()) {
            server.repo("acme/proxied").lfsFile("model.bin", weights);
            try (HfHub client = TestHubs.builder(server, dir.resolve("cache"))
                    .environment(Map.of("HTTPS_PROXY", proxyUrl(proxy, null)))
                    .sslContext(HubServer.clientSslContext()).rangeThreshold(100_000).rangeChunkSize(50_000).build()) {
                assertThat(Files.readAllBytes(client.download("acme/proxied", "model.bin"))).isEqualTo(weights);
            }
            assertThat(proxy.log()).contains("Established connection to host \"127.0.0.1\"")
                    .contains("Established connection to host \"127.0.0.2\"");
        }
    }

    @Test
    void aPasswordProxyGetsTheCredentialsOfTheProxyUrlOnEveryTunnel() throws Exception {
        byte[] big = CoreOverHttpsTest.bytes(2_000_000, 6);
        try (Daemon proxy = tinyproxy(true); HubServer server = HubServer.startHttps()) {
            server.repo("acme/proxied").file("a.txt", "a").file("b/c.txt", "c").lfsFile("big.bin", big);
            Path cache = dir.resolve("cache");
            try (HfHub client = client(server, cache, Map.of("https_proxy", proxyUrl(proxy, "hf-user:" + PASSWORD)))) {
                Path folder = client.snapshot(SnapshotRequest.builder("acme/proxied").build());
                assertThat(Files.readAllBytes(folder.resolve("big.bin"))).isEqualTo(big);
                assertThat(Files.readString(folder.resolve("b/c.txt"))).isEqualTo("c");
            }
            assertThat(server.requests("cdn").stream().filter(r -> r.header("Range") != null).count()).isGreaterThan(1);
            assertThat(server.requests()).allSatisfy(r -> assertThat(r.header("Proxy-Authorization")).isNull());
            assertNoFileContains(cache, PASSWORD);
        }
    }

    @Test
    void missingOrWrongCredentialsAreAProxyErrorThatNeverShowsThePassword() throws Exception {
        try (Daemon proxy = tinyproxy(true); HubServer server = HubServer.startHttps()) {
            server.repo("acme/proxied").file("config.json", "{}");
            for (String userInfo : new String[] {null, "hf-user:wrong-" + PASSWORD}) {
                List<Duration> sleeps = new CopyOnWriteArrayList<>();
                Path cache = dir.resolve("cache-" + (userInfo == null ? "none" : "wrong"));
                try (HfHub client = client(server, cache, Map.of("HTTPS_PROXY", proxyUrl(proxy, userInfo)), sleeps)) {
                    assertThatThrownBy(() -> client.download("acme/proxied", "config.json"))
                            .isInstanceOfSatisfying(ProxyException.class, e -> {
                                assertThat(e.reason()).isEqualTo(ProxyException.Reason.AUTHENTICATION_REQUIRED);
                                assertThat(e.proxy()).isEqualTo("127.0.0.1:" + port(proxyUrl(proxy, null)));
                                assertThat(stackTrace(e)).doesNotContain(PASSWORD);
                            })
                            .hasMessageContaining("credentials").hasMessageContaining("HTTPS_PROXY");
                }
                assertThat(sleeps).as("a proxy refusal is not retried").isEmpty();
                assertNoFileContains(cache, PASSWORD);
            }
        }
    }

    @Test
    void plainHttpThroughAPasswordProxy() throws Exception {
        try (Daemon proxy = tinyproxy(true); HubServer server = HubServer.start()) {
            server.repo("acme/proxied").file("config.json", "{}").lfsFile("model.bin", CoreOverHttpsTest.bytes(100_000, 7));
            try (HfHub client = client(server, dir.resolve("ok"), Map.of("HTTP_PROXY", proxyUrl(proxy, "hf-user:" + PASSWORD)))) {
                assertThat(Files.size(client.download("acme/proxied", "model.bin"))).isEqualTo(100_000);
            }
            assertThat(server.requests()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.header("Proxy-Authorization")).as("the proxy keeps it").isNull());
            try (HfHub client = client(server, dir.resolve("none"), Map.of("HTTP_PROXY", proxyUrl(proxy, null)))) {
                assertThatThrownBy(() -> client.download("acme/proxied", "config.json"))
                        .isInstanceOfSatisfying(ProxyException.class,
                                e -> assertThat(e.reason()).isEqualTo(ProxyException.Reason.AUTHENTICATION_REQUIRED));
            }
        }
    }

    @Test
    void aProxyThatIsNotThereIsAProxyErrorNotAnOutage() {
        int dead = Daemon.freePort();
        for (boolean https : new boolean[] {true, false}) {
            List<Duration> sleeps = new CopyOnWriteArrayList<>();
            try (HubServer server = https ? HubServer.startHttps() : HubServer.start();
                    HfHub client = client(server, dir.resolve("cache-" + https),
                            Map.of(https ? "HTTPS_PROXY" : "HTTP_PROXY", "http://u:" + PASSWORD + "@127.0.0.1:" + dead), sleeps)) {
                server.repo("acme/proxied").file("config.json", "{}");
                assertThatThrownBy(() -> client.download("acme/proxied", "config.json"))
                        .isInstanceOfSatisfying(ProxyException.class, e -> {
                            assertThat(e.reason()).isEqualTo(ProxyException.Reason.UNREACHABLE);
                            assertThat(stackTrace(e)).doesNotContain(PASSWORD);
                        })
                        .hasMessageContaining("127.0.0.1:" + dead).hasMessageNotContaining("could not be reached");
                assertThat(sleeps).isEmpty();
                assertThat(server.requests()).isEmpty();
            }
        }
    }

    @Test
    void noProxyBypassesByCidrAndOnlyWhatItNames() throws Exception {
        String dead = "http://127.0.0.1:" + Daemon.freePort();
        try (HubServer server = HubServer.startHttps()) {
            server.repo("acme/proxied").lfsFile("model.bin", CoreOverHttpsTest.bytes(10_000, 8));
            try (HfHub client = client(server, dir.resolve("cidr"), Map.of("HTTPS_PROXY", dead, "NO_PROXY", "example.com,127.0.0.0/8"))) {
                assertThat(Files.size(client.download("acme/proxied", "model.bin"))).isEqualTo(10_000);
            }
            // the Hub is exempt, the CDN on 127.0.0.2 is not: its download meets the dead proxy
            try (HfHub client = client(server, dir.resolve("one"), Map.of("HTTPS_PROXY", dead, "no_proxy", "127.0.0.1"))) {
                assertThatThrownBy(() -> client.download(FileRequest.of("acme/proxied", "model.bin")))
                        .isInstanceOf(ProxyException.class);
            }
        }
    }

    private static String proxyUrl(Daemon proxy, String userInfo) {
        return "http://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + proxy.port();
    }

    private static int port(String url) {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    static void assertNoFileContains(Path root, String secret) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(secret);
            }
        }
    }
}
