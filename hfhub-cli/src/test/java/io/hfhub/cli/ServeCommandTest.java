package io.hfhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeCommandTest {
    @TempDir
    Path dir;

    @Test
    void helpDescribesTheMirrorWithExamples() {
        CliRun run = CliRun.of("serve", "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("HF_ENDPOINT", "Examples:", "--port", "127.0.0.1");
        assertThat(run.out()).contains("--max-connections", "--header-timeout", "--idle-timeout", "--send-timeout");
    }

    @Test
    void limitsBelowOneAreUsageErrors() {
        for (String flag : new String[] {"--max-connections", "--header-timeout", "--idle-timeout", "--send-timeout"}) {
            CliRun run = CliRun.of("serve", "--port", "0", "--cache-dir", dir.toString(), flag, "0");

            assertThat(run.exit()).as(flag).isEqualTo(2);
            assertThat(run.err()).as(flag).contains(flag + " must be a whole number from 1");
        }
    }

    @Test
    void missingCacheDirFailsWithOneLine() {
        CliRun run = CliRun.of("serve", "--port", "0", "--cache-dir", dir.resolve("nope").toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("hfhub: cache directory not found").hasLineCount(1);
    }

    @Test
    void portInUseFailsWithAHint() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CliRun run = CliRun.of("serve", "--port", Integer.toString(taken.getLocalPort()), "--cache-dir", dir.toString());

            assertThat(run.exit()).isEqualTo(1);
            assertThat(run.err()).contains("--port");
        }
    }
}
