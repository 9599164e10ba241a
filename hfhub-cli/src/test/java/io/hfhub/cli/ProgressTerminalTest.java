package io.hfhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.testkit.HubServerExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Progress as a user sees it at a real terminal (a pseudo-terminal of 40, 80 and 120 columns, stdout captured
 * apart as in {@code p=$(hfhub download …)}): the bar shows {@code n/N files} and scaled units, never wraps, ends
 * once; retries show in the status line as they happen.
 */
@DisabledOnOs(OS.WINDOWS)
class ProgressTerminalTest {
    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path dir;

    private List<String> args(String... more) {
        List<String> all = new java.util.ArrayList<>(List.of(more));
        all.addAll(List.of("--endpoint", hub.endpoint(), "--cache-dir", dir.resolve("cache").toString()));
        return all;
    }

    private static byte[] bytes(int size, int seed) {
        byte[] data = new byte[size];
        new java.util.Random(seed).nextBytes(data);
        return data;
    }

    @ParameterizedTest
    @ValueSource(ints = {40, 80, 120})
    void theWholeRepositoryBarFitsTheTerminalAndEndsOnce(int columns) throws Exception {
        hub.repo("acme/bars").lfsFile("a.bin", bytes(300_000, 1)).lfsFile("b.bin", bytes(300_000, 2))
                .lfsFile("c.bin", bytes(300_000, 3)).file("config.json", "{}");
        hub.faults().on("cdn").throttlePerConnection(300_000);

        PseudoTerminal.Run run = PseudoTerminal.run(dir, columns, Map.of(),
                args("download", "acme/bars").toArray(String[]::new));

        assertThat(run.exit()).as(run.raw()).isZero();
        assertThat(run.out().lines().toList()).hasSize(1);
        assertThat(run.out().strip()).endsWith("snapshots/" + hub.repo("acme/bars").commit());
        assertThat(run.widest()).isLessThan(columns);
        assertThat(run.frames()).anyMatch(f -> f.matches("Fetching [0-3]/4 files.*"));
        assertThat(run.frames()).anyMatch(f -> f.contains(" kB"));
        assertThat(run.screen()).as(run.raw()).hasSize(1);
        assertThat(run.screen().get(0)).startsWith("fetched 4 file(s), 900.0 kB in ");
    }

    @Test
    void aRetryShowsInTheStatusLineAsItWaits() throws Exception {
        hub.repo("acme/one").lfsFile("big.bin", bytes(400_000, 4));
        hub.faults().on("hub").method("HEAD").times(1).status(503).retryAfter(1);
        hub.faults().on("cdn").throttlePerConnection(400_000);

        PseudoTerminal.Run run = PseudoTerminal.run(dir, 80, Map.of(),
                args("download", "acme/one", "big.bin").toArray(String[]::new));

        assertThat(run.exit()).as(run.raw()).isZero();
        assertThat(run.frames()).anyMatch(f -> f.contains("retry 1 in 1.0 s (HTTP 503)"));
        assertThat(run.frames()).anyMatch(f -> f.startsWith("big.bin") && f.contains("%") && f.contains("kB/400.0 kB"));
        assertThat(run.screen()).hasSize(1);
        assertThat(run.screen().get(0)).startsWith("downloaded big.bin (400.0 kB in ");
        assertThat(run.widest()).isLessThan(80);
    }
}
