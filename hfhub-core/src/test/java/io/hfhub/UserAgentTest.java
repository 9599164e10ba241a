package io.hfhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.http.UserAgent;
import io.hfhub.testkit.HubServerExtension;
import io.hfhub.testkit.RecordedRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The calling library in the User-Agent, as the Python client's library_name / user_agent put it there. */
class UserAgentTest {
    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path cache;

    @Test
    void theLibraryComesFirstAndTheCallersTextAndOriginLast() throws Exception {
        hub.repo("acme/ua").file("a.txt", "a").lfsFile("w.bin", LoggingTest.bytes(1000));
        try (HfHub client = TestHubs.builder(hub.server(), cache)
                .environment(Map.of("HF_HUB_USER_AGENT_ORIGIN", "ci-runner"))
                .libraryName("acme-pipeline").libraryVersion("2.1.0").userAgent("stage/eval; run/42").build()) {
            client.download("acme/ua", "a.txt");
            client.download("acme/ua", "w.bin");
        }
        assertThat(hub.server().requests()).hasSizeGreaterThanOrEqualTo(3).allSatisfy((RecordedRequest r) ->
                assertThat(r.header("User-Agent")).as(r.toString()).matches(
                        "acme-pipeline/2\\.1\\.0; hfhub/[^;]+; java/\\d+; stage/eval; run/42; origin/ci-runner"));
    }

    @Test
    void withoutALibraryTheAgentIsHfhubsOwn() throws Exception {
        hub.repo("acme/ua").file("a.txt", "a");
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            client.download("acme/ua", "a.txt");
        }
        assertThat(hub.server().requests().get(0).header("User-Agent")).matches("hfhub/[^;]+; java/\\d+");
    }

    @Test
    void partsAreDeduplicatedKeepingTheFirst() {
        assertThat(UserAgent.of("lib", null, "hfhub/1; java/17", "java/17; lib; extra", " ")).isEqualTo(
                "lib; hfhub/1; java/17; extra");
    }

    /** Text that could end the header and start another is refused where it enters, naming the character. */
    @Test
    void controlCharactersAndNonTokensAreRefusedAtTheBuilder() {
        HfHub.Builder builder = HfHub.builder();
        assertThatThrownBy(() -> builder.userAgent("ok\r\nX-Injected: 1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("userAgent").hasMessageContaining("U+000D");
        assertThatThrownBy(() -> builder.userAgent("tab\there")).hasMessageContaining("U+0009");
        assertThatThrownBy(() -> builder.userAgent("caf\u00e9")).hasMessageContaining("U+00E9");
        assertThatThrownBy(() -> builder.userAgent("  ")).hasMessageContaining("blank");
        assertThatThrownBy(() -> builder.libraryName("my lib")).hasMessageContaining("libraryName").hasMessageContaining("U+0020");
        assertThatThrownBy(() -> builder.libraryName("a/b")).hasMessageContaining("'/'");
        assertThatThrownBy(() -> builder.libraryVersion("1.0;x")).hasMessageContaining("libraryVersion").hasMessageContaining("';'");
        assertThatThrownBy(() -> HfHub.builder().environment(Map.of()).libraryVersion("1.0").build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("libraryName");
        assertThatThrownBy(() -> TestHubs.builder(hub.server(), cache)
                .environment(Map.of("HF_HUB_USER_AGENT_ORIGIN", "x\ny")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HF_HUB_USER_AGENT_ORIGIN");
    }
}
