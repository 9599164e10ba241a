package io.hfhub.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.HfHub;
import io.hfhub.HfHubException;
import io.hfhub.TestHubs;
import io.hfhub.TlsException;
import io.hfhub.testkit.HubServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which certificates hfhub trusts, and how it says a certificate failed. */
class TlsTrustTest {
    @TempDir
    Path cache;

    @TempDir
    Path certs;

    private HfHub client(HubServer server, Map<String, String> env) {
        return TestHubs.builder(server, cache).environment(env).build();
    }

    @Test
    void anUntrustedCertificateIsATlsErrorNamingTheHostAndIsNotRetried() {
        List<Duration> sleeps = new CopyOnWriteArrayList<>();
        try (HubServer server = HubServer.startHttps();
                HfHub client = TestHubs.withSleeper(TestHubs.builder(server, cache), sleeps::add).build()) {
            server.repo("acme/tls").file("config.json", "{}");
            assertThatThrownBy(() -> client.download("acme/tls", "config.json"))
                    .isInstanceOfSatisfying(TlsException.class, e -> {
                        assertThat(e.reason()).isEqualTo(TlsException.Reason.UNTRUSTED_CERTIFICATE);
                        assertThat(e.host()).isEqualTo("127.0.0.1");
                    })
                    .hasMessageContaining("127.0.0.1").hasMessageContaining("REQUESTS_CA_BUNDLE")
                    .hasMessageNotContaining("could not be reached");
            assertThat(sleeps).isEmpty();
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void aCertificateForOtherHostsIsAHostnameMismatch() {
        try (HubServer server = HubServer.startHttps("127.0.0.3", 0, 0);
                HfHub client = client(server, Map.of("REQUESTS_CA_BUNDLE", HubServer.caBundle().toString()))) {
            server.repo("acme/tls").file("config.json", "{}");
            assertThatThrownBy(() -> client.download("acme/tls", "config.json"))
                    .isInstanceOfSatisfying(TlsException.class, e -> {
                        assertThat(e.reason()).isEqualTo(TlsException.Reason.HOSTNAME_MISMATCH);
                        assertThat(e.host()).isEqualTo("127.0.0.3");
                    })
                    .hasMessageContaining("127.0.0.3");
        }
    }

    @Test
    void aTlsFailureIsRaisedEvenWhenTheCacheHasTheFile() throws Exception {
        try (HubServer server = HubServer.startHttps()) {
            server.repo("acme/tls").file("config.json", "{}");
            try (HfHub trusting = client(server, Map.of("REQUESTS_CA_BUNDLE", HubServer.caBundle().toString()))) {
                trusting.download("acme/tls", "config.json");
            }
            try (HfHub untrusting = client(server, Map.of())) {
                // a certificate problem is a setting to fix, not an outage to ride out on the cache
                assertThatThrownBy(() -> untrusting.download("acme/tls", "config.json")).isInstanceOf(TlsException.class);
            }
        }
    }

    @Test
    void everyBundleVariableAndTheBuilderContextAreTrusted() throws Exception {
        Path folder = Files.createDirectories(certs.resolve("dir"));
        Files.copy(HubServer.caBundle(), folder.resolve("ab12cd34.0"));
        Files.writeString(folder.resolve("README"), "not a certificate");
        Path bundle = certs.resolve("bundle.pem");
        // a bundle with other text and a second certificate around ours, as distribution bundles have
        Files.writeString(bundle, "# corporate bundle\n" + Files.readString(HubServer.caBundle()) + "\ntrailing words\n");
        try (HubServer server = HubServer.startHttps()) {
            server.repo("acme/tls").file("config.json", "{}");
            for (Map<String, String> env : List.of(Map.of("REQUESTS_CA_BUNDLE", bundle.toString()),
                    Map.of("CURL_CA_BUNDLE", bundle.toString()), Map.of("SSL_CERT_FILE", bundle.toString()),
                    Map.of("SSL_CERT_DIR", "/nonexistent-is-skipped-not:" + folder))) {
                try (HfHub client = TestHubs.builder(server, cache.resolve(env.keySet().iterator().next()))
                        .environment(env).build()) {
                    assertThat(Files.readString(client.download("acme/tls", "config.json"))).as(env.toString()).isEqualTo("{}");
                }
            }
            server.repo("acme/tls").lfsFile("model.bin", CoreOverHttpsTest.bytes(10_000, 3));
            try (HfHub client = TestHubs.builder(server, cache.resolve("ctx")).sslContext(HubServer.clientSslContext()).build()) {
                assertThat(Files.readString(client.download("acme/tls", "config.json"))).isEqualTo("{}");
                // the CDN (another host) trusts the same context
                assertThat(Files.readAllBytes(client.download("acme/tls", "model.bin")))
                        .isEqualTo(CoreOverHttpsTest.bytes(10_000, 3));
            }
        }
    }

    /** The builder's CA bundle is added to the JVM's trust, as the variables are, for the Hub and the CDN. */
    @Test
    void theBuildersCaBundleIsTrustedAndABadOneFailsAtBuild() throws Exception {
        byte[] weights = CoreOverHttpsTest.bytes(10_000, 4);
        try (HubServer server = HubServer.startHttps()) {
            server.repo("acme/tls").lfsFile("model.bin", weights);
            try (HfHub client = TestHubs.builder(server, cache).caBundle(HubServer.caBundle()).build()) {
                assertThat(Files.readAllBytes(client.download("acme/tls", "model.bin"))).isEqualTo(weights);
            }
        }
        Path empty = Files.writeString(certs.resolve("none.pem"), "no certificates here");
        assertThatThrownBy(() -> TestHubs.builder("https://127.0.0.1:1", cache).caBundle(empty).build())
                .isInstanceOf(HfHubException.class).hasMessageContaining("caBundle").hasMessageContaining("none.pem");
        assertThatThrownBy(() -> TestHubs.builder("https://127.0.0.1:1", cache).caBundle(HubServer.caBundle())
                .sslContext(HubServer.clientSslContext()).build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBundleVariableNamingNothingUsableFailsAtBuild() throws Exception {
        Path empty = Files.writeString(certs.resolve("empty.pem"), "no certificates here");
        for (Map<String, String> env : List.of(Map.of("REQUESTS_CA_BUNDLE", certs.resolve("missing.pem").toString()),
                Map.of("SSL_CERT_FILE", empty.toString()))) {
            assertThatThrownBy(() -> TestHubs.builder("https://127.0.0.1:1", cache).environment(env).build())
                    .isInstanceOf(HfHubException.class).hasMessageContaining(env.keySet().iterator().next());
        }
    }
}
