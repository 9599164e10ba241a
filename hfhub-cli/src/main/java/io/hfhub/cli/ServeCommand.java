package io.hfhub.cli;

import io.hfhub.serve.MirrorServer;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hfhub serve}: serves the local cache as a read-only Hub endpoint until killed. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the local cache as a read-only Hugging Face Hub endpoint.",
                "Other machines then download from it with HF_ENDPOINT=http://HOST:PORT (Python client or"
                        + " hfhub). Only cached files are served; there is no authentication."},
        footer = {"", "Examples:",
                "  hfhub serve",
                "  hfhub serve --host 0.0.0.0 --port 9000 --cache-dir /data/hf/hub",
                "  HF_ENDPOINT=http://127.0.0.1:8080 python -c \"from huggingface_hub import hf_hub_download;"
                        + " print(hf_hub_download('acme/tiny-model', 'config.json'))\""})
final class ServeCommand extends ErrorReportingCommand {
    @Mixin
    CacheDirOption cache;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = MirrorServer.DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port to listen on, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = {"-q", "--quiet"}, description = "Do not print the address.")
    boolean quiet;

    @Mixin
    OutputFormat output;

    @Override
    protected int execute() throws InterruptedException {
        MirrorServer server = MirrorServer.start(cache.cacheDir(), host, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "hfhub-serve-shutdown"));
        if (output.isJson()) {
            OutputFormat.print(out(), OutputFormat.object("endpoint", server.endpoint(),
                    "cache_dir", server.cacheDir().toString()));
        } else if (output.isQuiet()) {
            out().println(server.endpoint());
            out().flush();
        } else if (!quiet) {
            out().printf("Serving %s at %s (HF_ENDPOINT=%s)%n", server.cacheDir(), server.endpoint(), server.endpoint());
            out().flush();
        }
        new CountDownLatch(1).await(); // until the process is killed; the hook closes the server
        return 0;
    }
}
