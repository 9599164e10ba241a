package io.hfhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API's own values check what enters through them, as the internal types they stand for do. */
class PublicValuesTest {
    @TempDir
    Path home;

    @Test
    void theVersionIsTheOneMavenWroteIntoTheSource() {
        assertThat(HfHubVersion.VERSION).matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?");
    }

    @Test
    void repoFileInfoRefusesAPathOutsideTheRepositoryAndHashesThatAreNot() {
        String blob = "a".repeat(40);
        assertThat(new RepoFileInfo("dir/model.bin", 3, blob, Optional.of("b".repeat(64))).etag())
                .isEqualTo("b".repeat(64));
        assertThat(new RepoFileInfo("config.json", 3, blob, Optional.empty()).etag()).isEqualTo(blob);
        assertThatThrownBy(() -> new RepoFileInfo("../../etc/passwd", 3, blob, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RepoFileInfo("/abs", 3, blob, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RepoFileInfo("x", 3, "../x", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RepoFileInfo("x", 3, blob, Optional.of(blob))) // a sha1 is no LFS sha256
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RepoFileInfo("x", -1, blob, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenStoreSavesAPastedTokenWithoutItsLineBreakAndRefusesABlankOne() throws Exception {
        TokenStore store = TokenStore.of(Map.of("HF_HOME", home.toString()));
        store.login("laptop", "  hf_abcdefghijkl\r\n");

        assertThat(store.tokenFile()).isEqualTo(home.resolve("token"));
        assertThat(Files.readString(store.tokenFile())).isEqualTo("hf_abcdefghijkl");
        assertThat(store.storedTokens()).isEqualTo(Map.of("laptop", "hf_abcdefghijkl"));
        assertThatThrownBy(() -> store.login("empty", " \n")).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.storedTokens()).containsOnlyKeys("laptop");
    }

    @Test
    void builderTakesTheEnvironmentAsAMapAndABackoffAsTwoDurations() {
        try (HfHub hub = HfHub.builder().environment(Map.of("HF_ENDPOINT", "http://mirror.local:8080/",
                "HF_HUB_CACHE", home.toString())).retryBackoff(Duration.ZERO, Duration.ofSeconds(1)).build()) {
            assertThat(hub.endpoint()).isEqualTo("http://mirror.local:8080");
            assertThat(hub.cacheDir()).isEqualTo(home);
        }
        assertThatThrownBy(() -> HfHub.builder().retryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
