package io.hfhub;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.testkit.HubServerExtension;
import io.hfhub.testkit.internal.Hashes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The testkit's Xet CAS checked against the reference implementation: the Python client with {@code hf_xet} (the
 * Rust Xet client) downloads Xet-backed files from the testkit through Xet, over the plain-HTTP limit so no plain
 * fallback can hide a difference, and gets the same bytes; hfhub then finds them in the shared cache offline.
 * Runs when {@code HFHUB_PYTHON} (or {@code python3}) imports both {@code huggingface_hub} and {@code hf_xet};
 * skipped otherwise, never failed for their absence.
 */
class XetPythonInteropTest {
    private static String python;

    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path cache;

    @TempDir
    Path home;

    @BeforeAll
    static void findPython() {
        for (String candidate : new String[] {System.getenv("HFHUB_PYTHON"), "python3"}) {
            if (candidate != null && runs(candidate)) {
                python = candidate;
                return;
            }
        }
        Assumptions.abort("no Python with huggingface_hub and hf_xet (set HFHUB_PYTHON)");
    }

    @Test
    void pythonWithHfXetDownloadsTheSameBytesFromTheTestkitCas() throws Exception {
        byte[] big = XetDownloadTest.weights(3 << 20, 31);
        byte[] small = XetDownloadTest.weights(50_000, 32);
        hub.server().xet().plainHttpLimit(1 << 20);
        hub.repo("acme/xet").xetFile("model.bin", big).xetFile("small.bin", small);
        String out = python(String.join("\n",
                "import hashlib",
                "from huggingface_hub import hf_hub_download",
                "for name in ['model.bin', 'small.bin']:",
                "    print(hashlib.sha256(open(hf_hub_download('acme/xet', name), 'rb').read()).hexdigest())"));
        assertThat(out.lines().toList()).containsExactly(Hashes.sha256(big), Hashes.sha256(small));
        assertThat(hub.requests("cas")).isNotEmpty();
        assertThat(hub.requests("cdn")).noneMatch(r -> r.rawPath().startsWith("/blobs/"));
        try (HfHub offline = TestHubs.builder(hub.server(), cache).offline(true).build()) {
            assertThat(Files.readAllBytes(offline.download("acme/xet", "model.bin"))).isEqualTo(big);
        }
    }

    private String python(String script) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(python, "-c", script));
        builder.environment().keySet().removeIf(k -> k.startsWith("HF_") || k.startsWith("HUGGINGFACE"));
        builder.environment().put("HF_ENDPOINT", hub.endpoint());
        builder.environment().put("HF_HOME", home.toString()); // hf_xet's own caches stay in the temp folder
        builder.environment().put("HF_HUB_CACHE", cache.toString());
        builder.environment().put("HF_HUB_DISABLE_TELEMETRY", "1");
        builder.environment().put("HF_HUB_DISABLE_PROGRESS_BARS", "1");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("python failed:\n%s", err).isZero();
        return out;
    }

    private static boolean runs(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import huggingface_hub, hf_xet").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
