package io.hfhub.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.config.Environment;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvProxySelectorTest {
    @Test
    void proxiesBySchemeWithNoProxyExceptions() {
        ProxySelector selector = EnvProxySelector.from(Environment.of(Map.of(
                "HTTPS_PROXY", "http://secure-proxy:3128", "http_proxy", "plain-proxy:8080",
                "NO_PROXY", "localhost, .internal.example,127.0.0.1")));
        assertThat(address(selector, "https://huggingface.co/x")).isEqualTo("secure-proxy:3128");
        assertThat(address(selector, "http://huggingface.co/x")).isEqualTo("plain-proxy:8080");
        assertThat(selector.select(URI.create("https://cdn.internal.example/x"))).containsExactly(Proxy.NO_PROXY);
        assertThat(selector.select(URI.create("http://127.0.0.1:8080/x"))).containsExactly(Proxy.NO_PROXY);
    }

    @Test
    void withoutVariablesTheJvmSelectorApplies() {
        assertThat(EnvProxySelector.from(Environment.of(Map.of()))).isSameAs(ProxySelector.getDefault());
    }

    private static String address(ProxySelector selector, String url) {
        InetSocketAddress a = (InetSocketAddress) selector.select(URI.create(url)).get(0).address();
        return a.getHostString() + ":" + a.getPort();
    }
}
