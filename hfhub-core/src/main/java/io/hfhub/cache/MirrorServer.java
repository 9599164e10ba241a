package io.hfhub.cache;

import io.hfhub.HfHubException;
import io.hfhub.serve.Connections;
import io.hfhub.serve.MirrorConnection;
import io.hfhub.serve.MirrorHandler;
import io.hfhub.serve.MirrorStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a local cache as a read-only, Hub-compatible endpoint: point the Python client
 * ({@code HF_ENDPOINT=http://host:port}) or hfhub at it and they download from the cache as from the Hub.
 *
 * <p>Only what is in the cache is served: every path is decoded strictly and checked before any file system
 * call, and every file's real path must lie inside its repository's {@code blobs/} folder (see
 * {@code MirrorStore}). Only GET and HEAD are answered. There is no authentication: bind to a public address
 * only for caches holding nothing private.
 *
 * <p>Slow or stalled clients cannot take the mirror down: each connection has one worker thread, there are at
 * most {@link Limits#maxConnections()} of them (a client beyond that gets a 503 at once), and a connection is
 * closed when it stays idle, takes too long to send its request head, or stops taking the response, each past
 * its own {@link Limits limit}.
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
    private static final System.Logger LOG = System.getLogger(MirrorServer.class.getName());
    /** Pending connections the kernel queues while the accepting thread is busy. */
    private static final int BACKLOG = 128;

    /**
     * How many clients a mirror serves at once and how long each may stay in each phase of a connection.
     *
     * @param maxConnections open connections at most, each with its own thread; a client beyond is answered 503
     * @param headerTimeout time from the first byte of a request to the end of its head, however steadily the
     *     bytes arrive (a per-read timeout would let one byte a second hold a connection for hours)
     * @param idleTimeout time a connection may wait for its next request
     * @param sendTimeout time a response may make no progress (the client not reading) before it is cut
     */
    public record Limits(int maxConnections, Duration headerTimeout, Duration idleTimeout, Duration sendTimeout) {
        /**
         * 256 connections; 20 s for a request head (a few hundred bytes), 30 s idle, 60 s without progress (as
         * nginx's {@code send_timeout}).
         */
        public static final Limits DEFAULT =
                new Limits(256, Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(60));

        /**
         * Checks that every limit is positive.
         *
         * @param maxConnections connections served at once; more get a 503
         * @param headerTimeout longest time from a request's first byte to the end of its head
         * @param idleTimeout longest wait for a request on an open connection
         * @param sendTimeout longest time a response may make no progress
         */
        public Limits {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
            }
            requirePositive("headerTimeout", headerTimeout);
            requirePositive("idleTimeout", idleTimeout);
            requirePositive("sendTimeout", sendTimeout);
        }

        private static void requirePositive(String name, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
        }

        /**
         * These limits with another connection limit.
         *
         * @param value the connection limit
         * @return the new limits
         */
        public Limits withMaxConnections(int value) {
            return new Limits(value, headerTimeout, idleTimeout, sendTimeout);
        }

        /**
         * These limits with another time allowed for a request head.
         *
         * @param value the time allowed for a request head
         * @return the new limits
         */
        public Limits withHeaderTimeout(Duration value) {
            return new Limits(maxConnections, value, idleTimeout, sendTimeout);
        }

        /**
         * These limits with another time a connection may wait for a request.
         *
         * @param value the time a connection may wait for a request
         * @return the new limits
         */
        public Limits withIdleTimeout(Duration value) {
            return new Limits(maxConnections, headerTimeout, value, sendTimeout);
        }

        /**
         * These limits with another time a response may make no progress.
         *
         * @param value the time a response may make no progress
         * @return the new limits
         */
        public Limits withSendTimeout(Duration value) {
            return new Limits(maxConnections, headerTimeout, idleTimeout, value);
        }
    }

    private final ServerSocket listener;
    private final Connections connections;
    private final ExecutorService workers;
    private final Thread acceptor;
    private final String host;
    private final Path cacheDir;

    private MirrorServer(ServerSocket listener, MirrorHandler handler, Limits limits, String host, Path cacheDir) {
        this.listener = listener;
        this.connections = new Connections(limits);
        // Unbounded here because Connections bounds it: one thread per admitted connection.
        this.workers = Executors.newCachedThreadPool(Connections.daemonThreads("hfhub-mirror"));
        this.host = host;
        this.cacheDir = cacheDir;
        this.acceptor = Connections.daemonThreads("hfhub-mirror-accept")
                .newThread(() -> acceptUntilClosed(handler, limits));
        acceptor.start();
    }

    /**
     * Starts serving {@code cacheDir} on {@code host:port} ({@code port} 0 picks a free port) with the
     * {@linkplain Limits#DEFAULT default limits}.
     *
     * @param cacheDir the cache folder to serve
     * @param host the address to bind, e.g. {@code 127.0.0.1}
     * @param port the port, or 0 for any free one
     * @return the running server; close it to stop
     * @throws CacheNotFoundException if the cache folder does not exist
     * @throws HfHubException if the address cannot be bound
     */
    public static MirrorServer start(Path cacheDir, String host, int port) {
        return start(cacheDir, host, port, Limits.DEFAULT);
    }

    /**
     * Starts serving {@code cacheDir} on {@code host:port} ({@code port} 0 picks a free port) within
     * {@code limits}.
     *
     * @param cacheDir the cache folder to serve
     * @param host the address to bind, e.g. {@code 127.0.0.1}
     * @param port the port, or 0 for any free one
     * @param limits connection limits and timeouts
     * @return the running server; close it to stop
     * @throws CacheNotFoundException if the cache folder does not exist
     * @throws HfHubException if the address cannot be bound
     */
    public static MirrorServer start(Path cacheDir, String host, int port, Limits limits) {
        if (!Files.isDirectory(cacheDir)) {
            throw new CacheNotFoundException(cacheDir.toAbsolutePath());
        }
        ServerSocket listener = null;
        try {
            MirrorStore store = new MirrorStore(cacheDir);
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(host, port), BACKLOG);
            return new MirrorServer(listener, new MirrorHandler(store), limits, host, store.root());
        } catch (IOException e) {
            closeQuietly(listener);
            throw new HfHubException("cannot serve on " + host + ":" + port + ": " + e.getMessage()
                    + " (choose another --port or --host)", e);
        }
    }

    private void acceptUntilClosed(MirrorHandler handler, Limits limits) {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    // Out of file descriptors, most likely: back off instead of spinning on the same error.
                    LOG.log(System.Logger.Level.WARNING, "cannot accept a connection", e);
                    pause();
                }
                continue;
            }
            admit(socket, new MirrorConnection(socket, handler, limits, connections));
        }
    }

    private void admit(Socket socket, MirrorConnection connection) {
        if (!connections.admit(connection)) {
            connections.refuse(socket);
            return;
        }
        try {
            socket.setTcpNoDelay(true); // headers and small bodies go out at once instead of waiting on Nagle
            workers.execute(connection);
        } catch (IOException | RuntimeException e) { // RejectedExecutionException once closing
            connections.remove(connection);
            closeQuietly(socket);
            LOG.log(System.Logger.Level.DEBUG, "connection not served", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing", e);
        }
    }

    /** {@return the port actually bound} */
    public int port() {
        return listener.getLocalPort();
    }

    /** {@return the URL to use as {@code HF_ENDPOINT}, e.g. {@code http://127.0.0.1:8080}} */
    public String endpoint() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return "http://" + h + ":" + port();
    }

    /** {@return the served cache folder, symlinks resolved} */
    public Path cacheDir() {
        return cacheDir;
    }

    /** Stops accepting connections and closes the open ones, ending the requests in flight. */
    @Override
    public void close() {
        closeQuietly(listener);
        try {
            acceptor.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.close();
        workers.shutdownNow();
    }
}
