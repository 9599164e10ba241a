package io.hfhub.serve;

import com.sun.net.httpserver.HttpServer;
import io.hfhub.HfHubException;
import io.hfhub.cache.CacheNotFoundException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves a local cache as a read-only, Hub-compatible endpoint: point the Python client
 * ({@code HF_ENDPOINT=http://host:port}) or hfhub at it and they download from the cache as from the Hub.
 *
 * <p>Only what is in the cache is served: every path is decoded strictly and checked before any file system
 * call, and every file's real path must lie inside its repository's {@code blobs/} folder (see
 * {@code MirrorStore}). Only GET and HEAD are answered. There is no authentication: bind to a public address
 * only for caches holding nothing private.
 *
 * <pre>{@code
 * try (MirrorServer server = MirrorServer.start(cacheDir, "127.0.0.1", 0)) {
 *     String endpoint = server.endpoint(); // http://127.0.0.1:54321
 * }
 * }</pre>
 */
public final class MirrorServer implements AutoCloseable {
    /** The loopback address the mirror binds to unless told otherwise. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Concurrent requests served; each download holds a thread for its duration. */
    private static final int THREADS = 16;

    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;
    private final Path cacheDir;

    private MirrorServer(HttpServer server, ExecutorService executor, String host, Path cacheDir) {
        this.server = server;
        this.executor = executor;
        this.host = host;
        this.cacheDir = cacheDir;
    }

    /**
     * Starts serving {@code cacheDir} on {@code host:port} ({@code port} 0 picks a free port).
     *
     * @throws CacheNotFoundException if the cache folder does not exist
     * @throws HfHubException if the address cannot be bound
     */
    public static MirrorServer start(Path cacheDir, String host, int port) {
        if (!Files.isDirectory(cacheDir)) {
            throw new CacheNotFoundException(cacheDir.toAbsolutePath());
        }
        // Headers and small bodies go out at once instead of waiting on Nagle; read once by the JDK server.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        try {
            MirrorStore store = new MirrorStore(cacheDir);
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            server.createContext("/", new MirrorHandler(store));
            server.setExecutor(executor);
            server.start();
            return new MirrorServer(server, executor, host, store.root());
        } catch (IOException e) {
            executor.shutdownNow();
            throw new HfHubException("cannot serve on " + host + ":" + port + ": " + e.getMessage()
                    + " (choose another --port or --host)", e);
        }
    }

    /** The port actually bound. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The URL to use as {@code HF_ENDPOINT}, e.g. {@code http://127.0.0.1:8080}. */
    public String endpoint() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return "http://" + h + ":" + port();
    }

    /** The served cache folder, symlinks resolved. */
    public Path cacheDir() {
        return cacheDir;
    }

    /** Stops accepting requests and ends the ones in flight. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "hfhub-mirror-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
