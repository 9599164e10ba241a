package io.hfhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.store.ExtractionRecord;
import io.hfhub.testkit.HubServerExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash harness: every command that changes the cache runs in a child JVM and is killed with SIGKILL at
 * points spread over its run, drawn from a seeded generator (the seed is printed; replay a failure with
 * {@code -Dhfhub.crash.seed=N}, and ask for more kill points with {@code -Dhfhub.crash.kills=N}). After each
 * kill the invariant must hold: the next run of the same command succeeds with the complete result,
 * {@code cache verify} reports no problem, and after {@code cache prune} no temporary or partial file remains.
 */
class CrashHarnessTest {
    private static final int KILLS = Integer.getInteger("hfhub.crash.kills", 8);
    private static final int ARCHIVE_FILES = 1000;
    private static final byte[] WEIGHTS = randomBytes(9_000_000, 7); // resumable: above 8 MiB

    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path tmp;

    private final Map<String, Long> archiveFiles = new TreeMap<>();
    private Path archive;
    private Random random;
    private long seed;
    private String name;

    @BeforeEach
    void repo(TestInfo test) throws IOException {
        archive = tarGz(tmp.resolve("data.tar.gz"));
        hub.repo("acme/crash").lfsFile("weights.bin", WEIGHTS).lfsFile("data.tar.gz", Files.readAllBytes(archive));
        name = test.getTestMethod().orElseThrow().getName();
        seed = Long.getLong("hfhub.crash.seed", System.nanoTime());
        random = new Random(seed);
        System.out.printf("crash harness %s: seed %d, %d kill points (replay: -Dhfhub.crash.seed=%d)%n",
                name, seed, KILLS, seed);
    }

    @Test
    void download() throws Exception {
        Path expected = tmp.resolve("weights.expected");
        Files.write(expected, WEIGHTS);
        harness(trial -> List.of("download", "acme/crash", "weights.bin", "--limit-rate", "12M"),
                (trial, run) -> assertThat(lastLine(run)).hasSameBinaryContentAs(expected));
    }

    @Test
    void downloadExtract() throws Exception {
        harness(trial -> List.of("download", "acme/crash", "data.tar.gz", "--extract"),
                (trial, run) -> assertCompleteExtraction(lastLine(run)));
    }

    @Test
    void extract() throws Exception {
        harness(trial -> List.of("extract", archive.toString(), trial.work.resolve("out").toString(), "--quiet"),
                (trial, run) -> {
                    assertCompleteExtraction(lastLine(run));
                    assertThat(strays(trial.work)).isEmpty(); // the re-run removed what the killed run left
                });
    }

    @Test
    void cacheDelete() throws Exception {
        Path template = populatedCache();
        harness(trial -> {
            copyTree(template, trial.cache);
            return List.of("cache", "delete", "acme/crash", "--yes", "--quiet");
        }, (trial, run) -> {
            // killed after the repository folder was renamed away, the re-run finds nothing left to delete ("not in the cache")
            assertThat(run.exit() == 0 || run.err().contains("not in the cache")).as(run.err()).isTrue();
            assertThat(trial.cache.resolve("models--acme--crash")).doesNotExist();
        });
    }

    @Test
    void cachePrune() throws Exception {
        long deadPid = deadPid();
        harness(trial -> {
            leaveLeftovers(trial.cache, deadPid);
            return List.of("cache", "prune", "--quiet");
        }, (trial, run) -> assertThat(run.exit()).as(run.err()).isZero());
    }

    /** What one kill-and-check cycle works in. */
    private record Trial(int index, Path cache, Path work) {}

    @FunctionalInterface
    private interface Setup {
        List<String> prepare(Trial trial) throws IOException;
    }

    @FunctionalInterface
    private interface Check {
        void check(Trial trial, CliRun run) throws IOException;
    }

    private void harness(Setup setup, Check complete) throws Exception {
        // One run without a kill: it must succeed, and its duration spreads the kill points over a whole run.
        Trial calibration = trial(-1);
        List<String> args = withCache(setup.prepare(calibration), calibration);
        long start = System.nanoTime();
        Process child = start(args);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        long runNanos = System.nanoTime() - start;
        assertThat(child.exitValue()).as("uninterrupted run of " + args).isZero();
        for (int i = 0; i < KILLS; i++) {
            Trial trial = trial(i);
            args = withCache(setup.prepare(trial), trial);
            long delay = (long) (runNanos * (0.1 + 0.9 * random.nextDouble()));
            String where = String.format("%s, seed %d, kill %d at %d ms", name, seed, i, delay / 1_000_000);
            child = start(args);
            boolean exited = child.waitFor(delay, TimeUnit.NANOSECONDS);
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (exited) {
                assertThat(child.exitValue()).as(where + ": finished before the kill").isZero();
            }
            checkInvariant(trial, args, complete, where);
        }
    }

    private void checkInvariant(Trial trial, List<String> args, Check complete, String where) throws IOException {
        CliRun again = CliRun.of(args.toArray(String[]::new));
        try {
            complete.check(trial, again);
        } catch (AssertionError e) {
            throw new AssertionError(where + ": the next run did not complete: exit " + again.exit() + ", "
                    + again.err() + "\n" + e.getMessage(), e);
        }
        CliRun verify = CliRun.of("cache", "verify", "--cache-dir", trial.cache.toString(), "--quiet");
        assertThat(verify.exit()).as(where + ": cache verify: " + verify.out() + verify.err()).isZero();
        CliRun prune = CliRun.of("cache", "prune", "--cache-dir", trial.cache.toString(), "--quiet");
        assertThat(prune.exit()).as(where + ": cache prune: " + prune.err()).isZero();
        assertThat(strays(trial.cache)).as(where + ": left after cache prune").isEmpty();
    }

    private Trial trial(int index) throws IOException {
        Path root = Files.createDirectories(tmp.resolve("trial" + (index + 1)));
        return new Trial(index, Files.createDirectories(root.resolve("cache")), Files.createDirectories(root.resolve("work")));
    }

    private List<String> withCache(List<String> args, Trial trial) {
        List<String> all = new ArrayList<>(args);
        if (!args.get(0).equals("extract")) {
            all.addAll(List.of("--cache-dir", trial.cache.toString()));
        }
        if (args.get(0).equals("download")) {
            all.addAll(List.of("--endpoint", hub.endpoint(), "--quiet"));
        }
        return all;
    }

    /** Runs the CLI's main in a child JVM with the test class path; its output is not needed. */
    private static Process start(List<String> args) throws IOException {
        String cp = CliRun.childClassPath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", cp, Main.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private void assertCompleteExtraction(Path folder) throws IOException {
        assertThat(ExtractionRecord.regularFiles(folder)).isEqualTo(archiveFiles);
        assertThat(folder.resolve("d0/f0.txt")).hasContent(content(0));
    }

    /** A cache holding the repository downloaded and extracted, as a deletion or a prune finds it. */
    private Path populatedCache() throws IOException {
        Path cache = Files.createDirectories(tmp.resolve("template"));
        for (String file : List.of("weights.bin", "data.tar.gz")) {
            CliRun run = CliRun.of("download", "acme/crash", file, "--extract", "--cache-dir", cache.toString(),
                    "--endpoint", hub.endpoint(), "--quiet");
            assertThat(run.exit()).as(run.err()).isZero();
        }
        return cache;
    }

    /** What killed commands leave: deletion tombstones (whole trees), temporary files, a partial download. */
    private static void leaveLeftovers(Path cache, long deadPid) throws IOException {
        String owner = ".hfhub-" + deadPid + "-" + String.format("%08x",
                java.net.InetAddress.getLocalHost().getHostName().hashCode()) + ".0000abcd.tmp";
        Path repo = cache.resolve("models--acme--crash");
        for (Path tombstone : List.of(cache.resolve(".models--acme--gone" + owner),
                repo.resolve("extracted").resolve(".0123abcd" + owner))) {
            for (int i = 0; i < ARCHIVE_FILES; i++) {
                Path file = tombstone.resolve("d" + (i % 20)).resolve("f" + i + ".txt");
                Files.createDirectories(file.getParent());
                Files.writeString(file, content(i));
            }
        }
        Files.createDirectories(repo.resolve("blobs"));
        Files.createDirectories(repo.resolve("refs"));
        Files.write(repo.resolve("blobs").resolve("." + "e".repeat(64) + ".incomplete" + owner), new byte[100_000]);
        Files.writeString(repo.resolve("refs").resolve(".main" + owner), "0".repeat(40));
    }

    private static long deadPid() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        return gone.pid();
    }

    /** Temporary names and partial downloads anywhere under {@code root} (lock files are not leftovers). */
    private static List<Path> strays(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".tmp") || n.endsWith(".incomplete") || n.endsWith(".incomplete.json");
            }).toList();
        }
    }

    private static Path lastLine(CliRun run) {
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        return Path.of(lines.get(lines.size() - 1));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }

    private Path tarGz(Path out) throws IOException {
        archiveFiles.clear();
        try (OutputStream file = new GzipCompressorOutputStream(Files.newOutputStream(out));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            for (int i = 0; i < ARCHIVE_FILES; i++) {
                byte[] bytes = content(i).getBytes(StandardCharsets.UTF_8);
                String path = "d" + (i % 20) + "/f" + i + ".txt";
                TarArchiveEntry entry = new TarArchiveEntry(path);
                entry.setSize(bytes.length);
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
                archiveFiles.put(path, (long) bytes.length);
            }
        }
        return out;
    }

    private static String content(int i) {
        return ("file " + i + " ").repeat(100 + i % 200);
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
