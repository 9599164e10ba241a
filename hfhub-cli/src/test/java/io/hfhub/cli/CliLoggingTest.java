package io.hfhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.testkit.HubServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code --verbose} and {@code HF_DEBUG=1}: the library's DEBUG log on stderr, one escaped, redacted line each. */
class CliLoggingTest {
    private static final String TOKEN = "hf_NeverOnStderr123456";

    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path cache;

    private CliRun download(String... extra) {
        List<String> args = new ArrayList<>(List.of("download", "acme/private", "w.bin", "--endpoint", hub.endpoint(),
                "--cache-dir", cache.toString(), "--token", TOKEN, "--quiet"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private void privateRepo() {
        byte[] weights = new byte[50_000];
        new Random(7).nextBytes(weights);
        hub.repo("acme/private").lfsFile("w.bin", weights).privateRepo(TOKEN);
    }

    @Test
    void verboseLogsRequestsRedirectsAndCacheDecisionsWithoutSecrets() {
        privateRepo();
        CliRun run = download("--verbose");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip()).endsWith("/w.bin"); // the last line of stdout is still the path
        List<String> lines = run.err().lines().toList();
        assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l).startsWith("hfhub: debug: "));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("hfhub: debug: HEAD " + hub.endpoint()
                + "/acme/private/resolve/main/w.bin -> 302 ("));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("redirect 302 from").contains("?<redacted>"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("cache miss: downloading 'w.bin'"));
        assertThat(run.err()).doesNotContain(TOKEN).doesNotContain("sig=").doesNotContain("expires=");

        // the option is global: before the command too; a second run is a cache hit
        CliRun again = CliRun.of("--verbose", "download", "acme/private", "w.bin", "--endpoint", hub.endpoint(),
                "--cache-dir", cache.toString(), "--token", TOKEN, "--quiet");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.err()).contains("hfhub: debug: cache hit: 'w.bin'");
    }

    @Test
    void withoutVerboseTheLibraryLogsNothing() {
        privateRepo();
        download("--verbose");
        CliRun quiet = download();
        assertThat(quiet.exit()).isZero();
        assertThat(quiet.err()).isEmpty();
    }

    @Test
    void eachRecordIsOneLineEscapedAndRedacted() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.Logger logger = System.getLogger("io.hfhub.cli.CliLoggingTest");
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CliLogging.configure(true);
            logger.log(System.Logger.Level.DEBUG, "server said \u001b[2J\nnext line, token hf_abcdefgh123456");
            logger.log(System.Logger.Level.WARNING, "careful");
            logger.log(System.Logger.Level.TRACE, "too fine to show");
        } finally {
            CliLogging.configure(false);
            System.setErr(old);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                "hfhub: debug: server said \\e[2J\\nnext line, token hf_<redacted>" + System.lineSeparator()
                        + "hfhub: warning: careful" + System.lineSeparator());
    }

    /**
     * The CLI is the JVM's logger finder (its service file), so no {@code java.util.logging} is set up for a log that
     * is off; other loggers than hfhub's (the JDK's) still show INFO and above, in the same one-line form.
     */
    @Test
    void theCliIsTheLoggerFinderAndOtherLoggersShowInfo() {
        assertThat(System.LoggerFinder.getLoggerFinder()).isInstanceOf(CliLogging.class);
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.Logger jdk = System.getLogger("sun.net.www.protocol.http.HttpURLConnection");
            jdk.log(System.Logger.Level.INFO, "a {0} from the JDK", "notice");
            jdk.log(System.Logger.Level.DEBUG, "not shown");
            System.getLogger("io.hfhub.transfer.BlobClaim").log(System.Logger.Level.INFO, "off by default");
        } finally {
            System.setErr(old);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("hfhub: info: a notice from the JDK"
                + System.lineSeparator());
    }

    /** {@code HF_DEBUG} is read from the process environment: a child JVM. */
    @Test
    void hfDebugTurnsTheLogOn() throws Exception {
        privateRepo();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", CliRun.childClassPath(), Main.class.getName(), "download", "acme/private", "w.bin", "--cache-dir", cache.toString(), "--quiet"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("HF_") || k.startsWith("HUGGING"));
        builder.environment().put("HF_DEBUG", "1");
        builder.environment().put("HF_TOKEN", TOKEN);
        builder.environment().put("HF_ENDPOINT", hub.endpoint());
        builder.environment().put("HF_HOME", cache.resolve("home").toString());
        Process process = builder.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        assertThat(out.strip()).endsWith("/w.bin");
        assertThat(err).contains("hfhub: debug: HEAD " + hub.endpoint() + "/acme/private/resolve/main/w.bin -> 302")
                .doesNotContain(TOKEN);
    }
}
