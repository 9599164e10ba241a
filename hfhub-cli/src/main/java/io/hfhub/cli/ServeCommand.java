package io.hfhub.cli;

import io.hfhub.cache.MirrorServer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/** {@code hfhub serve}: serves the local cache as a read-only Hub endpoint until killed. */
final class ServeCommand extends ErrorReportingCommand {
    private static final MirrorServer.Limits DEFAULTS = MirrorServer.Limits.DEFAULT;

    static final CommandSpec SPEC = CommandSpec.command("serve", ServeCommand::new)
            .describe("Serve the local cache as a read-only Hugging Face Hub endpoint.",
                    "Other machines then download from it with HF_ENDPOINT=http://HOST:PORT (Python client or"
                            + " hfhub). Only cached files are served; there is no authentication.")
            .options(CacheDirOption.OPTIONS)
            .option("--host", "HOST", "Address to listen on (default: " + MirrorServer.DEFAULT_HOST
                    + "; 0.0.0.0 for every interface).")
            .option("--port", "PORT", "Port to listen on, 0 for any free port (default: 8080).")
            .option("--max-connections", "N", "Connections served at once, one thread each; beyond, a client gets 503"
                    + " (default: " + DEFAULTS.maxConnections() + ").")
            .option("--header-timeout", "SECONDS", "Time a client has to send a request's headers, from their first"
                    + " byte (default: " + DEFAULTS.headerTimeout().toSeconds() + ").")
            .option("--idle-timeout", "SECONDS", "Time a connection may wait for its next request (default: "
                    + DEFAULTS.idleTimeout().toSeconds() + ").")
            .option("--send-timeout", "SECONDS", "Time a response may go without the client taking any of it"
                    + " (default: " + DEFAULTS.sendTimeout().toSeconds() + ").")
            .flag("-q, --quiet", "Do not print the address.")
            .options(OutputFormat.OPTIONS)
            .footer("Examples:",
                    "  hfhub serve",
                    "  hfhub serve --host 0.0.0.0 --port 9000 --cache-dir /data/hf/hub",
                    "  hfhub serve --host 0.0.0.0 --max-connections 1024 --send-timeout 120",
                    "  HF_ENDPOINT=http://127.0.0.1:8080 python -c \"from huggingface_hub import hf_hub_download;"
                            + " print(hf_hub_download('acme/tiny-model', 'config.json'))\"");

    private final CacheDirOption cache;
    private final String host;
    private final int port;
    private final MirrorServer.Limits limits;
    private final boolean quiet;
    private final OutputFormat output;

    ServeCommand(Arguments args) {
        cache = new CacheDirOption(args);
        host = Objects.requireNonNullElse(args.value("--host"), MirrorServer.DEFAULT_HOST);
        port = args.value("--port", Arguments::integer, 8080);
        limits = new MirrorServer.Limits(
                positive(args, "--max-connections", DEFAULTS.maxConnections()),
                Duration.ofSeconds(positive(args, "--header-timeout", DEFAULTS.headerTimeout().toSeconds())),
                Duration.ofSeconds(positive(args, "--idle-timeout", DEFAULTS.idleTimeout().toSeconds())),
                Duration.ofSeconds(positive(args, "--send-timeout", DEFAULTS.sendTimeout().toSeconds())));
        quiet = args.has("--quiet");
        output = new OutputFormat(args);
    }

    @Override
    protected int execute() throws InterruptedException {
        CliLogging.showWarnings(); // a server's operator has no other channel for them
        MirrorServer server = MirrorServer.start(cache.cacheDir(), host, port, limits);
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

    /** A limit from its flag, else its default; a value below 1 is a usage error. */
    private static int positive(Arguments args, String flag, long absent) {
        long value = args.value(flag, Arguments::longInteger, absent);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new UsageException(flag + " must be a whole number from 1: " + value);
        }
        return (int) value;
    }
}
