package io.hfhub.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.HfHub;
import io.hfhub.TestHubs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings come from the environment exactly as the Python client reads it. */
class EnvironmentConfigTest {
    @TempDir
    Path home;

    @Test
    void defaultsFollowHfHomeAndXdg() {
        Environment xdg = Environment.of(Map.of("XDG_CACHE_HOME", home.toString()));
        assertThat(HubPaths.hubCache(xdg)).isEqualTo(home.resolve("huggingface/hub"));
        assertThat(HubPaths.tokenFile(xdg)).isEqualTo(home.resolve("huggingface/token"));
        Environment hfHome = Environment.of(Map.of("HF_HOME", home.toString(), "XDG_CACHE_HOME", "/elsewhere"));
        assertThat(HubPaths.hubCache(hfHome)).isEqualTo(home.resolve("hub"));
        Environment legacy = Environment.of(Map.of("HUGGINGFACE_HUB_CACHE", home.resolve("legacy").toString()));
        assertThat(HubPaths.hubCache(legacy)).isEqualTo(home.resolve("legacy"));
        Environment both = Environment.of(Map.of("HF_HUB_CACHE", home.resolve("new").toString(),
                "HUGGINGFACE_HUB_CACHE", home.resolve("legacy").toString()));
        assertThat(HubPaths.hubCache(both)).isEqualTo(home.resolve("new"));
    }

    @Test
    void tokenFromTheVariableThenTheTokenFile() throws IOException {
        Files.writeString(home.resolve("token"), "hf_from_file\n");
        assertThat(TokenSource.implicitToken(Environment.of(Map.of("HF_HOME", home.toString())))).isEqualTo("hf_from_file");
        assertThat(TokenSource.implicitToken(Environment.of(Map.of("HF_HOME", home.toString(), "HF_TOKEN", "hf_env"))))
                .isEqualTo("hf_env");
        Path custom = Files.writeString(home.resolve("other-token"), "  hf_custom  ");
        assertThat(TokenSource.implicitToken(Environment.of(Map.of("HF_TOKEN_PATH", custom.toString())))).isEqualTo("hf_custom");
        assertThat(TokenSource.implicitToken(Environment.of(Map.of("HF_HOME", home.toString(),
                "HF_HUB_DISABLE_IMPLICIT_TOKEN", "1")))).isNull();
        assertThat(TokenSource.implicitToken(Environment.of(Map.of("HF_HOME", home.resolve("none").toString())))).isNull();
    }

    @Test
    void clientSettingsFromTheEnvironment() {
        Map<String, String> env = Map.of("HF_ENDPOINT", "http://mirror.local:8080/", "HF_HUB_CACHE", home.toString(),
                "HF_HUB_OFFLINE", "yes", "HF_HUB_ETAG_TIMEOUT", "3", "HF_HUB_DOWNLOAD_TIMEOUT", "0",
                "HF_HUB_DISABLE_SYMLINKS", "1", "HF_TOKEN", "hf_x");
        try (HfHub hub = HfHub.builder().environment(env).build()) {
            HubConfig c = TestHubs.config(hub);
            assertThat(c.endpoint()).isEqualTo("http://mirror.local:8080");
            assertThat(c.cacheDir()).isEqualTo(home);
            assertThat(c.offline()).isTrue();
            assertThat(c.etagTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(c.downloadTimeout()).isEqualTo(Duration.ofSeconds(10)); // 0 falls back to the default
            assertThat(c.disableSymlinks()).isTrue();
            assertThat(c.token()).isEqualTo("hf_x");
            assertThat(c.toString()).doesNotContain("hf_x");
            assertThat(c.userAgent()).matches("hfhub/\\S+; java/\\d+");
        }
        try (HfHub hub = HfHub.builder().environment(env).token("hf_explicit").offline(false).build()) {
            assertThat(TestHubs.config(hub).token()).isEqualTo("hf_explicit");
            assertThat(TestHubs.config(hub).offline()).isFalse();
        }
    }
}
