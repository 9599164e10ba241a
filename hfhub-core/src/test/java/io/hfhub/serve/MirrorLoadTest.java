package io.hfhub.serve;

import static io.hfhub.cache.CacheFixture.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.cache.CacheFixture;
import io.hfhub.cache.MirrorServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow and stalled clients must neither hold the mirror nor stay connected forever: a client that sends its
 * request head one byte every 2 s and one that starts a large file and stops reading are both closed by the
 * server, and meanwhile a normal request is answered at once. Raw sockets on loopback, so that the clients can
 * misbehave exactly; every socket is closed by the test and every wait is bounded.
 */
class MirrorLoadTest {
    /** Far above what loopback socket buffers hold (a few MiB each way), so a stalled reader blocks the sender. */
    private static final int LARGE = 64 << 20;
    private static final int SLOW = 32;
    private static final int STALLED = 32;
    /** The server's timeouts in this test: longer than the checks made while the bad clients are connected. */
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    final String v1 = commit("v1");
    final List<Socket> sockets = new ArrayList<>();
    final ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
    MirrorServer server;

    @BeforeEach
    void serveACacheWithALargeFile() {
        CacheFixture cache = new CacheFixture(dir.resolve("cache"));
        CacheFixture.Repo repo = cache.model("acme/big");
        repo.file(v1, "config.json", "{}\n");
        repo.lfsFile(v1, "model.bin", new byte[LARGE]);
        repo.ref("main", v1);
        server = MirrorServer.start(cache.root(), "127.0.0.1", 0,
                MirrorServer.Limits.DEFAULT.withHeaderTimeout(TIMEOUT).withIdleTimeout(TIMEOUT).withSendTimeout(TIMEOUT));
    }

    @AfterEach
    void closeEverything() throws IOException {
        drip.shutdownNow();
        for (Socket socket : sockets) {
            socket.close();
        }
        server.close();
    }

    @Test
    void slowHeadersAndStalledReadersDoNotDelayOthersAndAreClosed() throws Exception {
        warmUp(); // what is measured below is waiting for the server, not loading the classes that answer
        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < STALLED; i++) {
            Socket socket = connect();
            socket.getOutputStream().write(request("GET", "/acme/big/resolve/main/model.bin"));
            stalled.add(socket); // and never read
        }
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < SLOW; i++) {
            slow.add(connect());
        }
        byte[] head = request("GET", "/acme/big/resolve/main/config.json");
        for (int i = 0; i < head.length; i++) {
            int index = i;
            drip.schedule(() -> sendToAll(slow, head[index]), 2L * i, TimeUnit.SECONDS);
        }
        Thread.sleep(1000); // the large responses fill the socket buffers, the slow heads have begun
        long stalledSince = System.nanoTime();

        assertThat(answerWithinOneSecond("HEAD", "/acme/big/resolve/main/model.bin")).startsWith("HTTP/1.1 200");
        assertThat(answerWithinOneSecond("GET", "/acme/big/resolve/main/config.json")).startsWith("HTTP/1.1 200")
                .endsWith("\r\n\r\n{}\n");
        assertThat(answerWithinOneSecond("GET", "/api/models/acme/big")).startsWith("HTTP/1.1 200");

        for (Socket socket : slow) {
            assertThat(bytesUntilClosedByServer(socket)).isZero();
        }
        // Reading a stalled socket before the server gave up on it would un-stall it: wait out the limit first.
        Thread.sleep(Math.max(0, TIMEOUT.plusSeconds(1).toMillis() - (System.nanoTime() - stalledSince) / 1_000_000));
        for (Socket socket : stalled) {
            assertThat(bytesUntilClosedByServer(socket)).isLessThan(LARGE);
        }
    }

    private void warmUp() throws IOException {
        for (String path : new String[] {"/acme/big/resolve/main/config.json", "/api/models/acme/big", "/nope"}) {
            try (Socket socket = new Socket("127.0.0.1", server.port())) {
                socket.getOutputStream().write(request("GET", path));
                socket.getInputStream().readAllBytes();
            }
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        sockets.add(socket);
        return socket;
    }

    private static byte[] request(String method, String path) {
        return (method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void sendToAll(List<Socket> sockets, byte b) {
        for (Socket socket : sockets) {
            try {
                socket.getOutputStream().write(b);
            } catch (IOException e) {
                // closed by the server: what the test waits for
            }
        }
    }

    /** The whole response to a one-shot request, which must arrive within a second. */
    private String answerWithinOneSecond(String method, String path) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = connect()) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write(request(method, path));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(method + " " + path)
                    .isLessThan(Duration.ofSeconds(1));
            return response;
        } catch (SocketTimeoutException e) {
            throw new AssertionError(method + " " + path + " was not answered within a second", e);
        }
    }

    /**
     * Reads what the server sent until it closes the connection (end of stream or reset) and returns the count;
     * fails if the server keeps the connection open for {@code 3 * TIMEOUT} without sending anything.
     */
    private static long bytesUntilClosedByServer(Socket socket) throws IOException {
        socket.setSoTimeout((int) TIMEOUT.multipliedBy(3).toMillis());
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept a connection open after " + total + " bytes", e);
        } catch (IOException e) {
            // reset by the server: closed too
        }
        return total;
    }
}
