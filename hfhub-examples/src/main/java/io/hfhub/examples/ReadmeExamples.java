package io.hfhub.examples;

import io.hfhub.Archives;
import io.hfhub.ExtractOptions;
import io.hfhub.ExtractResult;
import io.hfhub.FileRequest;
import io.hfhub.HfHub;
import io.hfhub.ProgressListener;
import io.hfhub.RepoFiles;
import io.hfhub.RepoType;
import io.hfhub.SnapshotRequest;
import io.hfhub.TokenStore;
import io.hfhub.WhoAmI;
import io.hfhub.cache.CacheInfo;
import io.hfhub.cache.CacheScanner;
import io.hfhub.cache.MirrorServer;

import io.hfhub.cache.RevisionVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The library snippets of the project's README, verbatim: each region between {@code // README begin NAME}
 * and {@code // README end} is what the README shows (ReadmeSnippetsTest checks it, and ReadmeExamplesTest
 * runs {@link #main} against the testkit Hub and checks what they fetched and left in the cache). The README's
 * settings come from the environment, as the Python client reads it ({@code HF_ENDPOINT}, {@code HF_HOME},
 * {@code HF_TOKEN}...), so the test sets those.
 */
public final class ReadmeExamples {
    private ReadmeExamples() {}

    /**
     * Runs every snippet.
     *
     * @param args ignored
     * @throws IOException if a snippet's stream fails
     */
    public static void main(String[] args) throws IOException {
        ProgressListener myListener = new ProgressListener() {
            @Override
            public void finished(String name, long total) {
                System.out.println("listener: finished " + name + " " + total);
            }
        };
        library(myListener);
        Logger kept = logging();
        ExecutorService myExecutor = Executors.newSingleThreadExecutor();
        try (HfHub hub = HfHub.builder().build()) {
            async(hub, myExecutor);
        } finally {
            myExecutor.shutdown();
        }
        System.out.println("logging: " + kept.getName() + " at " + kept.getLevel());
        Path cacheDir = Path.of(System.getenv("HF_HOME"), "hub");
        Path archive = cacheDir.resolve("datasets--acme--archives/snapshots").toFile().listFiles()[0].toPath()
                .resolve("images.tar.gz");
        archivesAndCache(archive, Path.of(System.getenv("HF_HOME"), "images"), cacheDir, System.getenv("HF_TOKEN"));
    }

    static void library(ProgressListener myListener) throws IOException {
        // README begin library
        try (HfHub hub = HfHub.builder().build()) {                 // settings from the environment, as Python reads it
            Path config = hub.download("openai-community/gpt2", "config.json");

            Path weights = hub.download(FileRequest.builder("org/model", "model.safetensors")
                    .revision("refs/pr/1")                          // branch, tag, 40-hex commit or PR ref
                    .subfolder("fp16")
                    .progress(myListener)                           // a ProgressListener, e.g. for a progress bar
                    .build());

            Path images = hub.download(FileRequest.builder("acme/archives", "images.tar.gz")
                    .repoType(RepoType.DATASET).extract(true).build());  // the extraction folder

            Path snapshot = hub.snapshot(SnapshotRequest.builder("org/model")
                    .allowPatterns(List.of("*.json", "*.safetensors")).maxWorkers(8).build());

            try (InputStream in = hub.open(FileRequest.of("acme/big", "data.parquet"))) {
                byte[] magic = in.readNBytes(4);  // the cached file, or streamed without touching the cache; verified at the end
            }

            RepoFiles files = hub.listFiles(SnapshotRequest.builder("org/model").build()); // commit + files with hashes
            RevisionVerifier.Report check = hub.verifyRevision(SnapshotRequest.builder("org/model").build()); // hf cache verify
            WhoAmI me = hub.whoami();                                // the token's account (/api/whoami-v2)
            try (HfHub offline = hub.newBuilder().offline(true).build()) { // a variant sharing the in-JVM download registry
                Path cached = offline.download("openai-community/gpt2", "config.json");
            }
        }
        // README end
    }

    static Logger logging() {
        // README begin logging
        Logger hfhub = Logger.getLogger("io.hfhub");        // keep the reference: JUL holds loggers weakly
        hfhub.setLevel(Level.FINE);                         // System.Logger's DEBUG is JUL's FINE
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(Level.FINE);
        hfhub.addHandler(handler);
        // README end
        return hfhub;
    }

    static void async(HfHub hub, Executor myExecutor) {
        // README begin async
        CompletableFuture<Path> weights = hub.downloadAsync(FileRequest.of("org/model", "model.safetensors"));
        CompletableFuture<Path> config = hub.downloadAsync(FileRequest.of("org/model", "config.json"), myExecutor);
        weights.thenAccept(path -> load(path));
        weights.cancel(true);   // interrupts the download; the bytes fetched so far are kept
        // README end
        System.out.println("async: config at " + config.join().getFileName());
    }

    private static void load(Path path) {
        System.out.println("async: loaded " + path.getFileName());
    }

    static void archivesAndCache(Path archive, Path destination, Path cacheDir, String token) throws IOException {
        // README begin archives
        TokenStore.fromEnvironment().login("laptop", token);         // the Python client's token files
        ExtractResult result = Archives.extract(archive, destination, ExtractOptions.defaults());
        CacheInfo info = CacheScanner.scan(cacheDir);   // also CacheDeleter, CacheVerifier, CachePruner, DetachedRevisions, RevisionVerifier
        try (MirrorServer mirror = MirrorServer.start(cacheDir, "127.0.0.1", 0)) { /* a cache served as a Hub; 0: any free port */ }
        // README end
        System.out.println("extracted: " + result.files().size() + " file(s) into " + result.directory());
        System.out.println("cache: " + info.repos().size() + " repos, " + info.sizeOnDisk() + " bytes");
    }
}
