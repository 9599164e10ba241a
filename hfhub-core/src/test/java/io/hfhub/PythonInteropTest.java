package io.hfhub;

import static io.hfhub.DownloadTest.randomBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.cache.CacheVerifier;
import io.hfhub.testkit.HubServerExtension;
import io.hfhub.testkit.RepoBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise that matters most: the cache is shared with the real Python {@code huggingface_hub}. Runs when a
 * Python with it is available ({@code HFHUB_PYTHON}, which {@code .ci/run} sets up, or {@code python3}); skipped
 * otherwise.
 */
class PythonInteropTest {
    private static String python;

    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path cache;

    @BeforeAll
    static void findPython() {
        for (String candidate : new String[] {System.getenv("HFHUB_PYTHON"), "python3"}) {
            if (candidate != null && runs(candidate, "import huggingface_hub")) {
                python = candidate;
                return;
            }
        }
        Assumptions.abort("no Python with huggingface_hub (set HFHUB_PYTHON)");
    }

    private RepoBuilder sampleRepo() {
        RepoBuilder repo = hub.repo("acme/shared")
                .file("config.json", "{\"model_type\": \"tiny\"}\n")
                .file("sub dir/données #1.txt", "unicode")
                .lfsFile("model.safetensors", randomBytes(300_000))
                .lfsFile("onnx/model.onnx", randomBytes(10_000));
        repo.revision("refs/pr/1").file("config.json", "{\"pr\": 1}\n");
        return repo;
    }

    @Test
    void pythonLoadsWhatHfhubDownloadedOffline() throws Exception {
        RepoBuilder repo = sampleRepo();
        Path snapshot;
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            snapshot = client.snapshot(SnapshotRequest.builder("acme/shared").build());
            client.download(FileRequest.builder("acme/shared", "config.json").revision("refs/pr/1").build());
        }
        String out = python(Map.of("HF_HUB_OFFLINE", "1"), String.join("\n",
                "from huggingface_hub import hf_hub_download, snapshot_download, scan_cache_dir",
                "print(open(hf_hub_download('acme/shared', 'config.json'), 'rb').read().decode().strip())",
                "print(open(hf_hub_download('acme/shared', 'config.json', revision='refs/pr/1'), 'rb').read().decode().strip())",
                "print(open(hf_hub_download('acme/shared', 'sub dir/données #1.txt'), 'rb').read().decode())",
                "print(len(open(hf_hub_download('acme/shared', 'model.safetensors'), 'rb').read()))",
                "print(snapshot_download('acme/shared'))",
                "info = scan_cache_dir()",
                "print(len(info.warnings), [(r.repo_id, r.nb_files) for r in info.repos])"));
        assertThat(out.lines().toList()).containsExactly(
                "{\"model_type\": \"tiny\"}",
                "{\"pr\": 1}",
                "unicode",
                "300000",
                snapshot.toString(),
                "0 [('acme/shared', 5)]");
        assertThat(repo.commit()).isNotBlank();
    }

    @Test
    void hfhubFindsWhatPythonDownloadedAndTheCacheVerifies() throws Exception {
        RepoBuilder repo = sampleRepo();
        python(Map.of("HF_ENDPOINT", hub.endpoint()), String.join("\n",
                "from huggingface_hub import snapshot_download, hf_hub_download",
                "snapshot_download('acme/shared')",
                "hf_hub_download('acme/shared', 'config.json', revision='refs/pr/1')"));
        hub.clearRequests();
        try (HfHub offline = TestHubs.builder(hub.server(), cache).offline(true).build()) {
            assertThat(offline.download("acme/shared", "model.safetensors")).hasSize(300_000);
            assertThat(offline.download("acme/shared", "sub dir/données #1.txt")).hasContent("unicode");
            assertThat(offline.download(FileRequest.builder("acme/shared", "config.json").revision("refs/pr/1").build()))
                    .hasContent("{\"pr\": 1}\n");
            assertThat(offline.snapshot(SnapshotRequest.builder("acme/shared").build()))
                    .isEqualTo(cache.resolve("models--acme--shared/snapshots/" + repo.commit()));
        }
        assertThat(hub.requests()).isEmpty();
        assertThat(CacheVerifier.verify(cache, Optional.empty()).problems()).isEmpty();
    }

    /**
     * The mission in one test: a model downloaded by hfhub loads in Python {@code transformers} offline. Python
     * builds a tiny GPT-2 and saves it; the testkit Hub serves those files; hfhub downloads the repo; then
     * {@code from_pretrained} finds it in the shared cache with the network off and computes the same logits.
     */
    @Test
    void transformersLoadsAModelHfhubDownloadedOffline() throws Exception {
        Assumptions.assumeTrue(runs(python, "import torch, transformers"), "transformers and torch are not installed");
        Path saved = cache.resolve("saved");
        String made = python(Map.of("HF_HUB_OFFLINE", "1"), String.join("\n",
                "import torch, transformers",
                "torch.manual_seed(0)",
                "config = transformers.GPT2Config(n_layer=1, n_head=2, n_embd=8, vocab_size=50, n_positions=16)",
                "model = transformers.GPT2LMHeadModel(config).eval()",
                "model.save_pretrained('" + saved + "')",
                "print(round(model(torch.tensor([[1, 2, 3]])).logits.sum().item(), 4))"));
        RepoBuilder repo = hub.repo("acme/tiny-gpt2");
        try (java.util.stream.Stream<Path> files = Files.list(saved)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".safetensors")) {
                    repo.lfsFile(name, Files.readAllBytes(f));
                } else {
                    repo.file(name, Files.readAllBytes(f));
                }
            }
        }
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            client.snapshot(SnapshotRequest.builder("acme/tiny-gpt2").build());
        }
        hub.server().close(); // from here on there is no Hub at all
        String loaded = python(Map.of("HF_HUB_OFFLINE", "1"), String.join("\n",
                "import torch, transformers",
                "model = transformers.AutoModelForCausalLM.from_pretrained('acme/tiny-gpt2').eval()",
                "print(round(model(torch.tensor([[1, 2, 3]])).logits.sum().item(), 4))"));
        assertThat(loaded.strip()).isEqualTo(made.strip());
    }

    @Test
    void pythonDownloadsFromTheMirrorServedFromHfhubsCache() throws Exception {
        RepoBuilder repo = sampleRepo();
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            client.snapshot(SnapshotRequest.builder("acme/shared").build());
        }
        Path otherCache = cache.resolve("python-cache"); // inside the temp dir, so it is cleaned up
        try (io.hfhub.cache.MirrorServer mirror = io.hfhub.cache.MirrorServer.start(cache, "127.0.0.1", 0)) {
            String out = python(Map.of("HF_ENDPOINT", mirror.endpoint(), "HF_HUB_CACHE", otherCache.toString()),
                    String.join("\n",
                            "from huggingface_hub import snapshot_download, hf_hub_download",
                            "print(snapshot_download('acme/shared'))",
                            "print(len(open(hf_hub_download('acme/shared', 'model.safetensors'), 'rb').read()))"));
            assertThat(out.lines().toList()).containsExactly(
                    otherCache.resolve("models--acme--shared/snapshots/" + repo.commit()).toString(), "300000");
        }
        assertThat(CacheVerifier.verify(otherCache, Optional.empty()).problems()).isEmpty();
    }

    @Test
    void localDirMetadataIsAcceptedByBothClients() throws Exception {
        sampleRepo();
        Path local = cache.resolve("local");
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            client.snapshot(SnapshotRequest.builder("acme/shared").localDir(local).build());
        }
        hub.clearRequests();
        // Python asks the Hub for the metadata, finds the local files up to date and downloads nothing.
        python(Map.of("HF_ENDPOINT", hub.endpoint()), String.join("\n",
                "from huggingface_hub import snapshot_download",
                "snapshot_download('acme/shared', local_dir='" + local + "')"));
        assertThat(hub.requests()).noneMatch(r -> r.method().equals("GET") && r.rawPath().contains("/resolve/"));
        assertThat(hub.requests("cdn")).isEmpty();
    }

    private String python(Map<String, String> env, String script) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, "-c", script));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
        builder.environment().keySet().removeIf(k -> k.startsWith("HF_") || k.startsWith("HUGGINGFACE"));
        builder.environment().put("HF_HUB_CACHE", cache.toString()); // unless env names another one
        builder.environment().put("HF_HUB_DISABLE_TELEMETRY", "1");
        builder.environment().put("HF_HUB_DISABLE_PROGRESS_BARS", "1");
        builder.environment().put("HF_HUB_DISABLE_XET", "1");
        builder.environment().putAll(env);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("python failed:\n%s", err).isZero();
        return out;
    }

    private static boolean runs(String python, String code) {
        try {
            Process p = new ProcessBuilder(python, "-c", code).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
