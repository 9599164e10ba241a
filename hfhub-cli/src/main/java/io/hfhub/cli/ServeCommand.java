package io.hfhub.cli;

import io.hfhub.cache.MirrorServer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
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
                "  hfhub serve --host 0.0.0.0 --max-connections 1024 --send-timeout 120",
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

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Connections served at once, one thread each; beyond, a client gets 503 (default: ${DEFAULT-VALUE}).")
    int maxConnections = MirrorServer.Limits.DEFAULT.maxConnections();

    @Option(names = "--header-timeout", paramLabel = "SECONDS",
            description = "Time a client has to send a request's headers, from their first byte (default: ${DEFAULT-VALUE}).")
    long headerTimeout = MirrorServer.Limits.DEFAULT.headerTimeout().toSeconds();

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "Time a connection may wait for its next request (default: ${DEFAULT-VALUE}).")
    long idleTimeout = MirrorServer.Limits.DEFAULT.idleTimeout().toSeconds();

    @Option(names = "--send-timeout", paramLabel = "SECONDS",
            description = "Time a response may go without the client taking any of it (default: ${DEFAULT-VALUE}).")
    long sendTimeout = MirrorServer.Limits.DEFAULT.sendTimeout().toSeconds();

    @Option(names = {"-q", "--quiet"}, description = "Do not print the address.")
    boolean quiet;

    @Mixin
    OutputFormat output;

    @Override
    protected int execute() throws InterruptedException {
        CliLogging.showWarnings(); // a server's operator has no other channel for them
        MirrorServer server = MirrorServer.start(cache.cacheDir(), host, port, limits());
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

    /** The limits from the flags; a value below 1 is a usage error. */
    private MirrorServer.Limits limits() {
        return new MirrorServer.Limits(positive("--max-connections", maxConnections),
                Duration.ofSeconds(positive("--header-timeout", headerTimeout)),
                Duration.ofSeconds(positive("--idle-timeout", idleTimeout)),
                Duration.ofSeconds(positive("--send-timeout", sendTimeout)));
    }

    private int positive(String flag, long value) {
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new ParameterException(spec.commandLine(), flag + " must be a whole number from 1: " + value);
        }
        return (int) value;
    }
}
