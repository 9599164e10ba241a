package io.hfhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hfhub.testkit.HubServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hfhub auth} on the Python client's files ({@code $HF_HOME/token}, {@code $HF_HOME/stored_tokens}), in a
 * child JVM with its own {@code HF_HOME}, against the testkit's {@code /api/whoami-v2}.
 */
class AuthCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path home;

    private CliRun cli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", CliRun.childClassPath(),
                Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("HF_") || k.startsWith("HUGGING"));
        builder.environment().put("HF_HOME", home.toString());
        builder.environment().put("HF_ENDPOINT", hub.endpoint());
        Process process = builder.start();
        byte[] err = process.getErrorStream().readAllBytes();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return new CliRun(process.exitValue(), out, new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void loginListSwitchWhoamiLogoutOnThePythonClientsFiles() throws Exception {
        hub.server().user("hf_aaaaaaaaaaaaaaaa1111", "alice", "laptop", "acme", "demo")
                .user("hf_bbbbbbbbbbbbbbbb2222", "alice", "ci");

        CliRun login = cli("auth", "login", "--token", "hf_aaaaaaaaaaaaaaaa1111");
        assertThat(login.exit()).as(login.err()).isZero();
        assertThat(login.out()).contains("logged in as alice", "'laptop'").doesNotContain("hf_aaaa");
        assertThat(home.resolve("token")).hasContent("hf_aaaaaaaaaaaaaaaa1111");
        assertThat(Files.readString(home.resolve("stored_tokens")))
                .isEqualTo("[laptop]\nhf_token = hf_aaaaaaaaaaaaaaaa1111\n\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("token"))))
                .isEqualTo("rw-------");

        JsonNode second = JSON.readTree(cli("auth", "login", "--token", "hf_bbbbbbbbbbbbbbbb2222", "--json").out());
        assertThat(second.get("user").asText()).isEqualTo("alice");
        assertThat(second.get("token_name").asText()).isEqualTo("ci");
        assertThat(Files.readString(home.resolve("stored_tokens"))).isEqualTo(
                "[ci]\nhf_token = hf_bbbbbbbbbbbbbbbb2222\n\n[laptop]\nhf_token = hf_aaaaaaaaaaaaaaaa1111\n\n");

        JsonNode list = JSON.readTree(cli("auth", "list", "--format", "json").out());
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("name").asText()).isEqualTo("ci");
        assertThat(list.get(0).get("token").asText()).isEqualTo("hf_****2222");
        assertThat(list.get(0).get("active").asBoolean()).isTrue();

        assertThat(JSON.readTree(cli("auth", "switch", "--token-name", "laptop", "--json").out()).get("active")
                .asText()).isEqualTo("laptop");
        assertThat(home.resolve("token")).hasContent("hf_aaaaaaaaaaaaaaaa1111");
        JsonNode who = JSON.readTree(cli("auth", "whoami", "--json").out());
        assertThat(who.get("user").asText()).isEqualTo("alice");
        assertThat(who.get("orgs").toString()).isEqualTo("[\"acme\",\"demo\"]");
        assertThat(who.get("endpoint").asText()).isEqualTo(hub.endpoint());
        assertThat(hub.requests("hub")).anyMatch(r -> r.rawPath().equals("/api/whoami-v2")
                && "Bearer hf_aaaaaaaaaaaaaaaa1111".equals(r.header("Authorization")));

        assertThat(JSON.readTree(cli("auth", "logout", "--token-name", "laptop", "--json").out()).get("logged_out")
                .asText()).isEqualTo("laptop");
        assertThat(home.resolve("token")).doesNotExist();
        assertThat(Files.readString(home.resolve("stored_tokens"))).isEqualTo("[ci]\nhf_token = hf_bbbbbbbbbbbbbbbb2222\n\n");
        CliRun notLoggedIn = cli("auth", "whoami");
        assertThat(notLoggedIn.exit()).isEqualTo(1);
        assertThat(notLoggedIn.err()).startsWith("hfhub: not logged in");
        assertThat(cli("auth", "logout").exit()).isZero();
        assertThat(home.resolve("stored_tokens")).doesNotExist();
    }

    @Test
    void aTokenTheHubRefusesIsNotSaved() throws Exception {
        CliRun login = cli("auth", "login", "--token", "hf_wrongwrongwrong9999");

        assertThat(login.exit()).isEqualTo(1);
        assertThat(login.err()).contains("not valid", "HTTP 401").doesNotContain("hf_wrong");
        assertThat(home.resolve("token")).doesNotExist();
        assertThat(home.resolve("stored_tokens")).doesNotExist();
    }

    @Test
    void storedTokensWrittenByPythonAreRead() throws Exception {
        Files.writeString(home.resolve("stored_tokens"), "[work]\nhf_token = hf_cccccccccccccccc3333\n"
                + "refresh_token = r\nexpires_at = 1900000000\n\n[home]\nhf_token=hf_dddddddddddddddd4444\n");
        hub.server().user("hf_dddddddddddddddd4444", "bob", "home");

        assertThat(cli("auth", "list", "--format", "quiet").out()).isEqualTo("home\nwork\n");
        assertThat(cli("auth", "switch", "--token-name", "home").exit()).isZero();
        assertThat(JSON.readTree(cli("auth", "whoami", "--json").out()).get("user").asText()).isEqualTo("bob");
    }
}
