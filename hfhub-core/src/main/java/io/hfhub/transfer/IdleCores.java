package io.hfhub.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many of the machine's cores were idle since the last call: what the connection controller asks before it
 * adds connections ({@link AdaptiveConcurrency#idleCores}). Read from the kernel's own counters ({@code /proc/stat}:
 * idle and waiting-for-I/O time of all cores, in clock ticks), so it counts every process, a local server too.
 * Where there is no such file (not Linux) or it cannot be read, the answer is NaN: unknown, which never holds a
 * probe back. The idle share is counted in the cores this JVM may use ({@link Runtime#availableProcessors}); in a
 * container limited to a few of many cores, the kernel's counters cover them all, so a busy container on an idle
 * host reads as idle: its probes go on as without the meter.
 *
 * <p>Not thread-safe: one instance per download, whose passes (each with its controller) run one after another.
 */
final class IdleCores {
    private static final Path STAT = Path.of("/proc/stat");

    private final Path source;
    private long lastTotal = -1;
    private long lastIdle;

    IdleCores() {
        this(STAT);
    }

    /** @param source a file in {@code /proc/stat}'s format (tests) */
    IdleCores(Path source) {
        this.source = source;
    }

    /** Idle cores on average since the previous call (0 to the number of cores), or NaN on the first or unknown. */
    double sinceLastCall() {
        long[] ticks = read();
        if (ticks == null) {
            return Double.NaN;
        }
        long total = ticks[0];
        long idle = ticks[1];
        double answer = Double.NaN;
        if (lastTotal >= 0 && total > lastTotal) {
            answer = (double) (idle - lastIdle) / (total - lastTotal) * Runtime.getRuntime().availableProcessors();
        }
        lastTotal = total;
        lastIdle = idle;
        return answer;
    }

    /** {total, idle + iowait} ticks of the "cpu" line, or null. */
    private long[] read() {
        String line;
        try (InputStream in = Files.newInputStream(source)) {
            byte[] head = in.readNBytes(256); // the first line, the sum over all cores, is well under that
            line = new String(head, StandardCharsets.US_ASCII);
        } catch (IOException | SecurityException e) {
            return null;
        }
        int end = line.indexOf('\n');
        String[] f = (end < 0 ? line : line.substring(0, end)).trim().split(" +");
        if (f.length < 6 || !f[0].equals("cpu")) {
            return null;
        }
        long total = 0;
        try {
            // user nice system idle iowait irq softirq steal: guest time is already counted in user and nice
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
