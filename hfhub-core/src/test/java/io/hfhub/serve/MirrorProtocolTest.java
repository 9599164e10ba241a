package io.hfhub.serve;

import static io.hfhub.cache.CacheFixture.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.cache.CacheFixture;
import io.hfhub.cache.MirrorServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mirror's own HTTP/1.1 handling over raw sockets: persistent connections, strict request heads, the
 * connection limit and the idle timeout. Every socket is closed by the test and every read has a timeout.
 */
class MirrorProtocolTest {
    private static final Duration IDLE = Duration.ofMillis(500);
    private static final String CONFIG = "/acme/tiny/resolve/main/config.json";

    @TempDir
    Path dir;

    final List<Socket> sockets = new ArrayList<>();
    Path cacheRoot;
    MirrorServer server;

    @BeforeEach
    void serveACache() {
        CacheFixture cache = new CacheFixture(dir.resolve("cache"));
        String v1 = commit("v1");
        cache.model("acme/tiny").file(v1, "config.json", "{}\n");
        cache.model("acme/tiny").ref("main", v1);
        cacheRoot = cache.root();
        server = MirrorServer.start(cacheRoot, "127.0.0.1", 0, MirrorServer.Limits.DEFAULT.withIdleTimeout(IDLE));
    }

    @AfterEach
    void closeEverything() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        server.close();
    }

    Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(5000);
        sockets.add(socket);
        return socket;
    }

    /** Sends {@code request} as given and returns everything the server sends until it closes the connection. */
    String exchange(String request) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void pipelinedRequestsOnOneConnectionAreAnsweredInOrder() throws IOException {
        String response = exchange("HEAD " + CONFIG + " HTTP/1.1\r\nHost: x\r\n\r\n"
                + "GET " + CONFIG + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertThat(response.split("HTTP/1.1 200 OK", -1)).hasSize(3);
        assertThat(response).contains("Content-Length: 3\r\n").endsWith("\r\n\r\n{}\n");
        assertThat(response.indexOf("Connection: close")).isGreaterThan(response.lastIndexOf("HTTP/1.1 200"));
    }

    @Test
    void http10ConnectionsCloseAfterOneResponse() throws IOException {
        String response = exchange("GET " + CONFIG + " HTTP/1.0\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").contains("Connection: close\r\n").endsWith("{}\n");
    }

    @Test
    void malformedHeadsAreRefusedAndTheConnectionClosed() throws IOException {
        assertThat(exchange("GET " + CONFIG + "\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET  " + CONFIG + " HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET acme/tiny HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET " + CONFIG + " HTTP/2.0\r\n\r\n")).startsWith("HTTP/1.1 505 ");
        assertThat(exchange("GET " + CONFIG + " HTTP/1.1\r\nBad Name: x\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET " + CONFIG + " HTTP/1.1\r\nX: a\rb\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET " + CONFIG + " HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"))
                .startsWith("HTTP/1.1 400 ");
        assertThat(exchange("GET " + CONFIG + " HTTP/1.1\r\nX: " + "a".repeat(20_000) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431 ");
    }

    @Test
    void headerValuesAndTargetsEndAtTheEdgesOfVisibleAscii() throws IOException {
        assertThat(exchange("GET " + CONFIG + " HTTP/1.1\r\nX: a\t ~b\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200 ");
        for (String value : new String[] {"a\u001fb", "a\u007fb", "a\u0080b", "a\u00ffb"}) {
            assertThat(exchange("GET " + CONFIG + " HTTP/1.1\r\nX: " + value + "\r\n\r\n")).as(value)
                    .startsWith("HTTP/1.1 400 ");
        }
        for (String name : new String[] {"X\u007f", "X\u0080", "X(", "X}"}) {
            assertThat(exchange("GET " + CONFIG + " HTTP/1.1\r\n" + name + ": 1\r\n\r\n")).as(name)
                    .startsWith("HTTP/1.1 400 ");
        }
        for (String target : new String[] {CONFIG + "?a\u007f", CONFIG + "?a\u0080", CONFIG + "?a\tb"}) {
            assertThat(exchange("GET " + target + " HTTP/1.1\r\n\r\n")).as(target).startsWith("HTTP/1.1 400 ");
        }
    }

    @Test
    void aHostHeaderCannotInjectResponseHeaders() throws IOException {
        String response = exchange("GET /api/models/acme/tiny/tree/main HTTP/1.1\r\nHost: x\u0001Set-Cookie: a=b\r\n"
                + "Connection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 400 ").doesNotContain("Set-Cookie");
    }

    @Test
    void aRequestWithABodyIsAnsweredThenTheConnectionClosed() throws IOException {
        String response = exchange("GET " + CONFIG + " HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
                + "GET " + CONFIG + " HTTP/1.1\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200 OK\r\n").contains("Connection: close\r\n");
        assertThat(response.split("HTTP/1.1 ", -1)).hasSize(2);
    }

    @Test
    void beyondTheConnectionLimitAClientIsAnswered503AtOnce() throws IOException {
        server.close();
        server = MirrorServer.start(cacheRoot, "127.0.0.1", 0, MirrorServer.Limits.DEFAULT.withMaxConnections(3));
        List<Socket> held = List.of(connect(), connect(), connect());
        for (Socket socket : held) { // make sure each is admitted and idle, holding its slot
            socket.getOutputStream().write(("HEAD " + CONFIG + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(readHead(socket.getInputStream())).startsWith("HTTP/1.1 200");
        }

        assertThat(exchange("GET " + CONFIG + " HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 503 ")
                .contains("Connection: close");

        held.get(0).close();
        String response = retryWhile503("GET " + CONFIG + " HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 200 OK").endsWith("{}\n");
    }

    @Test
    void anIdleConnectionIsClosedByTheServer() throws IOException {
        Socket silent = connect();
        Socket reused = connect();
        reused.getOutputStream().write(("HEAD " + CONFIG + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(readHead(reused.getInputStream())).startsWith("HTTP/1.1 200");

        // read() blocks until the server closes; the 5 s socket timeout fails the test if it never does.
        assertThat(silent.getInputStream().read()).isEqualTo(-1);
        assertThat(reused.getInputStream().read()).isEqualTo(-1);
    }

    /** The slot of a closed connection is freed when the server notices the close: a moment later. */
    private String retryWhile503(String request) throws IOException {
        String response = exchange(request);
        for (int attempt = 0; attempt < 50 && response.startsWith("HTTP/1.1 503"); attempt++) {
            sleep(20);
            response = exchange(request);
        }
        return response;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        try {
            while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no complete response head: " + head, e);
        }
        return head.toString();
    }
}
