package io.hfhub.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.config.Environment;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {
    @Test
    void proxiesBySchemeWithNoProxyExceptions() {
        ProxySettings settings = ProxySettings.from(Environment.of(Map.of(
                "HTTPS_PROXY", "http://secure-proxy:3128", "http_proxy", "plain-proxy:8080",
                "NO_PROXY", "localhost, .internal.example,127.0.0.1")));
        assertThat(settings.route(URI.create("https://huggingface.co/x")).hostPort()).isEqualTo("secure-proxy:3128");
        assertThat(settings.route(URI.create("https://huggingface.co/x")).source()).isEqualTo("HTTPS_PROXY");
        assertThat(settings.route(URI.create("http://huggingface.co/x")).hostPort()).isEqualTo("plain-proxy:8080");
        assertThat(settings.route(URI.create("https://cdn.internal.example/x")).isDirect()).isTrue();
        assertThat(settings.route(URI.create("http://127.0.0.1:8080/x")).isDirect()).isTrue();
    }

    @Test
    void userInfoBecomesBasicCredentialsThatNeverPrint() {
        ProxySettings settings = ProxySettings.from(Environment.of(Map.of(
                "HTTPS_PROXY", "http://alice:p%40ss%3Aword@proxy.corp:3128")));
        ProxyRoute route = settings.route(URI.create("https://huggingface.co/x"));
        String expected = "Basic " + Base64.getEncoder().encodeToString("alice:p@ss:word".getBytes(StandardCharsets.UTF_8));
        assertThat(route.authorization()).isEqualTo(expected);
        assertThat(route.hostPort()).isEqualTo("proxy.corp:3128");
        assertThat(route.toString() + route.describe()).doesNotContain("p@ss").doesNotContain("p%40ss")
                .doesNotContain(expected.substring(6)).contains("with credentials");
    }

    @Test
    void aSchemeWithoutItsVariableGoesDirect() {
        ProxySettings settings = ProxySettings.from(Environment.of(Map.of("HTTPS_PROXY", "proxy:3128")));
        assertThat(settings.route(URI.create("http://example.com/")).isDirect()).isTrue();
        assertThat(settings.route(URI.create("https://example.com/")).hostPort()).isEqualTo("proxy:3128");
    }

    @Test
    void withoutVariablesTheJvmSettingsApply() {
        assertThat(ProxySettings.from(Environment.of(Map.of())).route(URI.create("https://example.com/")).isDirect())
                .isTrue(); // no https.proxyHost in the test JVM
    }
}
