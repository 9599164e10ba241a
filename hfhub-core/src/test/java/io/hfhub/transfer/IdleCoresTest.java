package io.hfhub.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdleCoresTest {
    @TempDir
    Path dir;

    private static String stat(long user, long idle, long iowait) {
        // user nice system idle iowait irq softirq steal guest guest_nice, then a per-core line
        return "cpu  " + user + " 0 100 " + idle + " " + iowait + " 0 0 0 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1\n";
    }

    @Test
    void theShareOfIdleAndWaitingTicksSinceTheLastCallTimesTheCores() throws Exception {
        Path file = dir.resolve("stat");
        IdleCores meter = new IdleCores(file);
        Files.writeString(file, stat(1_000, 5_000, 100));
        assertThat(meter.sinceLastCall()).isNaN(); // nothing to compare with yet

        // 100 ticks more: 60 busy, 40 idle or waiting for I/O
        Files.writeString(file, stat(1_060, 5_030, 110));
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(meter.sinceLastCall()).isCloseTo(0.4 * cores, within(1e-9));

        // no tick since: unknown, not "all busy"
        assertThat(meter.sinceLastCall()).isNaN();
    }

    @Test
    void noFileOrAnotherFormatIsUnknown() throws Exception {
        assertThat(new IdleCores(dir.resolve("missing")).sinceLastCall()).isNaN();
        Path file = dir.resolve("stat");
        Files.writeString(file, "intr 1 2 3\n");
        IdleCores meter = new IdleCores(file);
        meter.sinceLastCall();
        assertThat(meter.sinceLastCall()).isNaN();
    }
}
