package io.hfhub.http;

import static io.hfhub.http.RawServer.ascii;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.hfhub.config.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The socket transport against a server that answers whatever it likes: every malformed head or framing is an
 * IOException naming the host, a body is exactly its framing, a stall times out and a cancel unblocks a read.
 */
class SocketTransportTest {
    private static final Duration GUARD = Duration.ofSeconds(20);

    private static HubHttp client(RawServer server, Duration downloadTimeout, Map<String, String> env) {
        return new HubHttp(Endpoint.parse(server.url("")), null, "hfhub-test", Duration.ofSeconds(10), downloadTimeout,
                new RetryPolicy(1, Backoff.DEFAULT, d -> { }), Environment.of(env), null, null);
    }

    private static HubResponse download(RawServer server, String path) throws IOException {
        return client(server, Duration.ofSeconds(10), Map.of()).download(HubRequest.get(server.url(path)).build()).execute();
    }

    /** Reads the whole body through the channel, into a direct buffer. */
    private static String readChannel(BodyChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
        StringBuilder body = new StringBuilder();
        while (channel.read(buffer) >= 0) {
            buffer.flip();
            body.append(StandardCharsets.ISO_8859_1.decode(buffer));
            buffer.clear();
        }
        return body.toString();
    }

    private static RawServer answering(String response) throws IOException {
        return new RawServer((head, out, socket) -> out.write(ascii(response)));
    }

    /** A server that sends {@code response}, then nothing, until the client goes away. */
    private static RawServer stalling(String response) throws IOException {
        return new RawServer((head, out, socket) -> {
            out.write(ascii(response));
            out.flush();
            RawServer.waitForClient(socket);
        });
    }

    @Test
    void aPlainHttpDownloadGetGoesOverItsOwnSocket() throws Exception {
        try (RawServer server = answering("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-Repeated: first\r\n"
                + "x-repeated: last\r\n\r\nhello");
                HubResponse response = download(server, "/a%20b/c?x=1&y=%2F")) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("X-REPEATED")).isEqualTo("last"); // as HttpURLConnection answers
            assertThat(response.channel()).isNotNull();
            assertThat(readChannel(response.channel())).isEqualTo("hello");
            String request = server.requests().get(0);
            assertThat(request).startsWith("GET /a%20b/c?x=1&y=%2F HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n")
                    .doesNotContain("Connection:").contains("\r\nAccept: */*\r\n")
                    .contains("\r\nuser-agent: hfhub-test").contains("\r\naccept-encoding: identity\r\n");
        }
    }

    @Test
    void metadataHeadAndProxiedRequestsStayOnHttpUrlConnection() throws Exception {
        try (RawServer server = answering("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")) {
            HubHttp http = client(server, Duration.ofSeconds(10), Map.of());
            try (HubResponse metadata = http.metadata(HubRequest.get(server.url("/api")).build());
                    HubResponse head = http.download(HubRequest.head(server.url("/h")).build()).execute()) {
                assertThat(metadata.channel()).isNull();
                assertThat(head.channel()).isNull();
            }
            // the raw server as the proxy: it gets the absolute URL, which only the JDK's proxy code sends
            HubHttp proxied = client(server, Duration.ofSeconds(10), Map.of("HTTP_PROXY", server.url("")));
            try (HubResponse response = proxied.download(HubRequest.get("http://files.example/w.bin").build()).execute()) {
                assertThat(response.channel()).isNull();
                assertThat(new String(response.body().readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("ok");
            }
            assertThat(http.offersChannel(server.url("/f"))).isTrue();
            assertThat(http.offersChannel("https://files.example/f")).isFalse();
            assertThat(proxied.offersChannel("http://files.example/w.bin")).isFalse();
            assertThat(server.requests()).hasSize(3);
            assertThat(server.requests().get(2)).startsWith("GET http://files.example/w.bin HTTP/1.1\r\n");
            assertThat(String.join("", server.requests())).doesNotContain("Connection: close");
        }
    }

    @Test
    void bytesReadWithTheHeadComeFirstThenTheRest() throws Exception {
        CountDownLatch firstRead = new CountDownLatch(1);
        try (RawServer server = new RawServer((head, out, socket) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123"));
            out.flush();
            firstRead.await(10, TimeUnit.SECONDS);
            out.write(ascii("456789IGNORED"));
        }); HubResponse response = download(server, "/f")) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(64);
            assertThat(response.channel().readAvailable(buffer)).isEqualTo(4);
            assertThat(response.channel().readAvailable(buffer)).isZero(); // nothing more yet, and no wait
            firstRead.countDown();
            while (buffer.position() < 10) {
                assertThat(response.channel().read(buffer)).isPositive();
            }
            assertThat(response.channel().read(buffer)).isEqualTo(-1); // the length, not the bytes sent after it
            buffer.flip();
            assertThat(StandardCharsets.ISO_8859_1.decode(buffer).toString()).isEqualTo("0123456789");
        }
    }

    @Test
    void theStreamReadsTheSameBytes() throws Exception {
        try (RawServer server = answering("HTTP/1.0 200 OK\r\n\r\nuntil the server closes");
                HubResponse response = download(server, "/f")) {
            InputStream body = response.body();
            assertThat(body.available()).isBetween(0, 23);
            assertThat(new String(body.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("until the server closes");
        }
    }

    @Test
    void interimResponsesAreSkippedAndA204HasNoBody() throws Exception {
        try (RawServer server = answering("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n"
                + "HTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\nnot body!");
                HubResponse response = download(server, "/f")) {
            assertThat(response.code()).isEqualTo(204);
            assertThat(response.channel().read(ByteBuffer.allocate(16))).isEqualTo(-1);
        }
    }

    @Test
    void aChunkedBodyIsDecodedAsAStream() throws Exception {
        try (RawServer server = answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\nA\r\n, chunked!\r\n0\r\nX-Trailer: dropped\r\n\r\nNOT BODY");
                HubResponse response = download(server, "/f")) {
            assertThat(response.channel()).isNull();
            assertThat(new String(response.body().readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("hello, chunked!");
        }
    }

    @Test
    void aChunkedBodyWithABadSizeOrCutShortFails() throws Exception {
        for (String chunks : new String[] {"5\r\nhello\r\n-1\r\n", "10000000000000000\r\n", "5\r\nhel"}) {
            try (RawServer server = answering("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks);
                    HubResponse response = download(server, "/f")) {
                assertThatThrownBy(() -> response.body().readAllBytes()).isInstanceOf(IOException.class)
                        .hasMessageContaining("127.0.0.1");
            }
        }
    }

    @Test
    void anEarlyCloseMidBodyIsTheEndOfTheChannel() throws Exception {
        try (RawServer server = answering("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten!!");
                HubResponse response = download(server, "/f")) {
            assertThat(readChannel(response.channel())).isEqualTo("only ten!!");
            assertThat(response.channel().read(ByteBuffer.allocate(8))).isEqualTo(-1);
        }
    }

    @Test
    void aStalledBodyTimesOut() throws Exception {
        try (RawServer server = stalling("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nsome")) {
            HubHttp http = client(server, Duration.ofMillis(300), Map.of());
            try (HubResponse response = http.download(HubRequest.get(server.url("/f")).build()).execute()) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(100);
                assertThat(response.channel().read(buffer)).isEqualTo(4);
                assertTimeoutPreemptively(GUARD, () -> assertThatThrownBy(() -> response.channel().read(buffer))
                        .isInstanceOf(SocketTimeoutException.class).hasMessage("Read timed out"));
                assertThatThrownBy(() -> response.body().read(new byte[8])).isInstanceOf(SocketTimeoutException.class);
            }
        }
    }

    @Test
    void aStalledHeadTimesOut() throws Exception {
        try (RawServer server = stalling("HTTP/1.1 200 OK\r\n")) {
            HubHttp http = client(server, Duration.ofMillis(300), Map.of());
            assertTimeoutPreemptively(GUARD, () -> assertThatThrownBy(
                    () -> http.download(HubRequest.get(server.url("/f")).build()).execute())
                    .isInstanceOf(SocketTimeoutException.class));
        }
    }

    @Test
    void aCancelFromAnotherThreadUnblocksARead() throws Exception {
        try (RawServer server = stalling("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n")) {
            HubCall call = client(server, Duration.ofSeconds(60), Map.of())
                    .download(HubRequest.get(server.url("/f")).build());
            try (HubResponse response = call.execute()) {
                CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> {
                    try {
                        response.channel().read(ByteBuffer.allocateDirect(100));
                        return null;
                    } catch (Throwable t) {
                        return t;
                    }
                });
                Thread.sleep(200); // let the reader block in its wait
                call.cancel();
                Throwable failure = assertTimeoutPreemptively(GUARD, () -> reader.get());
                assertThat(failure).isInstanceOf(SocketException.class).hasMessage("cancelled");
            }
        }
    }

    @Test
    void anInterruptEndsABlockedReadAtOnce() throws Exception {
        try (RawServer server = stalling("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n");
                HubResponse response = client(server, Duration.ofSeconds(60), Map.of())
                        .download(HubRequest.get(server.url("/f")).build()).execute()) {
            CompletableFuture<Throwable> failure = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try {
                    response.channel().read(ByteBuffer.allocateDirect(100));
                    failure.complete(null);
                } catch (Throwable t) {
                    failure.complete(t);
                }
            });
            reader.start();
            Thread.sleep(200); // let the reader block in its wait
            reader.interrupt();
            assertThat(assertTimeoutPreemptively(GUARD, () -> failure.get()))
                    .isExactlyInstanceOf(java.io.InterruptedIOException.class);
        }
    }

    @Test
    void anOversizedHeadIsRefused() throws Exception {
        try (RawServer server = new RawServer((head, out, socket) -> {
            out.write(ascii("HTTP/1.1 200 OK\r\n"));
            for (int i = 0; i < 10_000; i++) {
                out.write(ascii("X-Padding: " + "p".repeat(20) + "\r\n"));
            }
        })) {
            assertThatThrownBy(() -> download(server, "/f")).isInstanceOf(IOException.class)
                    .hasMessage("response headers too large from 127.0.0.1");
        }
    }

    @Test
    void anythingButAStatusLineIsNotAnHttpResponse() throws Exception {
        for (String answer : new String[] {"SSH-2.0-OpenSSH_9.2\r\n\r\n", "HTTP/2 200\r\n\r\n", "HTTP/1.1 2x0 OK\r\n\r\n",
                "HTTP/1.1 200OK\r\n\r\n", "HTTP/1.1 099 Low\r\n\r\n"}) {
            try (RawServer server = answering(answer)) {
                assertThatThrownBy(() -> download(server, "/f")).isInstanceOf(IOException.class)
                        .hasMessage("not an HTTP response from 127.0.0.1");
            }
        }
    }

    @Test
    void badHeaderLinesAndFramingAreRefused() throws Exception {
        Map<String, String> answers = Map.of(
                "Content-Length: 12a\r\n", "bad content-length",
                "Content-Length: 5\r\nContent-Length: 6\r\n", "bad content-length",
                "Content-Length: -1\r\n", "bad content-length",
                "Transfer-Encoding: gzip\r\n", "unsupported transfer-encoding",
                "Transfer-Encoding: gzip, chunked\r\n", "unsupported transfer-encoding",
                "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", "both a content-length and a transfer-encoding",
                "X-A: 1\r\n folded\r\n", "malformed header line",
                "Bad Name: 1\r\n", "malformed header line",
                "X-A: a\u0000b\r\n", "control character in header X-A");
        for (Map.Entry<String, String> answer : answers.entrySet()) {
            try (RawServer server = answering("HTTP/1.1 200 OK\r\n" + answer.getKey() + "\r\nhello")) {
                assertThatThrownBy(() -> download(server, "/f")).as(answer.getKey())
                        .isInstanceOf(ProtocolException.class).hasMessage(answer.getValue() + " from 127.0.0.1");
            }
        }
        try (RawServer server = answering("HTTP/1.1 200 OK\r\nContent-Length: 5\r\ncontent-length: 5\r\n\r\nhello");
                HubResponse agreeing = download(server, "/f")) {
            assertThat(readChannel(agreeing.channel())).isEqualTo("hello");
        }
    }

    @Test
    void headerInjectionIsRefusedBeforeAnyByteIsSent() throws Exception {
        try (RawServer server = answering("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")) {
            HubHttp http = client(server, Duration.ofSeconds(10), Map.of());
            assertThatThrownBy(() -> http.download(HubRequest.get(server.url("/f"))
                    .bearer("hf_secret\r\nX-Injected: 1").build()).execute())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hf_secret");
            assertThatThrownBy(() -> http.download(HubRequest.get(server.url("/f"))
                    .header("X-Evil: 1\r\nX", "v").build()).execute()).isInstanceOf(IllegalArgumentException.class);
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void aRedirectIsPassedUpAndFollowedOverTheSocketTransport() throws Exception {
        try (RawServer server = new RawServer((head, out, socket) -> out.write(ascii(head.startsWith("GET /a ")
                ? "HTTP/1.1 302 Found\r\nLocation: /b?sig=1\r\nContent-Length: 5\r\n\r\nmoved"
                : "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nhere")));
                HubResponse response = download(server, "/a")) {
            assertThat(response.request().url()).isEqualTo(server.url("/b?sig=1"));
            assertThat(readChannel(response.channel())).isEqualTo("here");
            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests().get(1)).startsWith("GET /b?sig=1 HTTP/1.1\r\n");
        }
    }

    @Test
    void aFailedConnectionIsTheSameAsOverHttpUrlConnection() throws Exception {
        int port;
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort(); // nothing listens there once it is closed
        }
        HubHttp http = new HubHttp(Endpoint.parse("http://127.0.0.1:" + port), null, "t", Duration.ofSeconds(5),
                Duration.ofSeconds(5), new RetryPolicy(1, Backoff.DEFAULT, d -> { }), Environment.of(Map.of()), null, null);
        assertThatThrownBy(() -> http.download(HubRequest.get("http://user:pa55word@127.0.0.1:" + port + "/f").build())
                .execute()).isInstanceOf(java.net.ConnectException.class).hasMessageNotContaining("pa55word");
        assertThatThrownBy(() -> http.download(HubRequest.get("http://no-such-host.invalid/f").build()).execute())
                .isInstanceOf(java.net.UnknownHostException.class);
    }

    private static final String HELLO = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

    /** A keep-alive server answering {@code GET /path} with {@code answers.get(path)}, and anything else with HELLO. */
    private static RawServer keepingAlive(Map<String, String> answers) throws IOException {
        return RawServer.keepingAlive((head, out, socket) -> out.write(ascii(answers.getOrDefault(path(head), HELLO))));
    }

    private static String path(String requestHead) {
        return requestHead.split(" ", 3)[1];
    }

    /** GETs {@code path} on {@code http} and reads the whole body through the channel. */
    private static String get(HubHttp http, RawServer server, String path) throws IOException {
        try (HubResponse response = http.download(HubRequest.get(server.url(path)).build()).execute()) {
            return readChannel(response.channel());
        }
    }

    /**
     * A clean GET, then {@code path} (on the same connection), then another GET, which needs a new connection: the
     * answer to {@code path} must not leave its connection in the pool.
     */
    private static void assertNotReusedAfter(String path, String answer) throws IOException {
        try (RawServer server = keepingAlive(Map.of(path, answer))) {
            HubHttp http = client(server, Duration.ofSeconds(10), Map.of());
            assertThat(get(http, server, "/first")).isEqualTo("hello");
            try (HubResponse response = http.download(HubRequest.get(server.url(path)).build()).execute()) {
                response.channel().read(ByteBuffer.allocateDirect(5));
            }
            assertThat(server.accepted()).isEqualTo(1); // the second GET reused the first's connection
            assertThat(get(http, server, "/last")).isEqualTo("hello");
            assertThat(server.accepted()).isEqualTo(2);
            assertThat(server.requests()).hasSize(3);
        }
    }

    @Test
    void sequentialGetsReadToTheirEndShareOneConnection() throws Exception {
        try (RawServer server = keepingAlive(Map.of("/chunked",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-Trailer: t\r\n\r\n"))) {
            HubHttp http = client(server, Duration.ofSeconds(10), Map.of());
            HubCall first = http.download(HubRequest.get(server.url("/a")).build());
            try (HubResponse response = first.execute()) {
                assertThat(readChannel(response.channel())).isEqualTo("hello");
            }
            first.cancel(); // too late: the connection is back in the pool and must stay usable
            assertThat(get(http, server, "/b")).isEqualTo("hello");
            try (HubResponse response = http.download(HubRequest.get(server.url("/chunked")).build()).execute()) {
                assertThat(new String(response.body().readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("abc");
            }
            assertThat(get(http, server, "/c")).isEqualTo("hello");
            assertThat(server.requests()).hasSize(4);
            assertThat(server.accepted()).isEqualTo(1);
        }
    }

    @Test
    void closingIdleConnectionsMakesTheNextRequestOpenANewOne() throws Exception {
        try (RawServer server = keepingAlive(Map.of())) {
            HubHttp http = client(server, Duration.ofSeconds(10), Map.of());
            assertThat(get(http, server, "/a")).isEqualTo("hello");
            http.closeIdleConnections(); // what HfHub.close() does
            assertThat(get(http, server, "/b")).isEqualTo("hello");
            assertThat(server.requests()).hasSize(2);
            assertThat(server.accepted()).isEqualTo(2);
        }
    }

    @Test
    void anIdleConnectionIsClosedWhenItsTimeIsUpWithoutAnotherRequest() throws Exception {
        try (RawServer server = keepingAlive(Map.of())) {
            HubHttp http = new HubHttp(Endpoint.parse(server.url("")), null, "hfhub-test", Duration.ofSeconds(10),
                    Duration.ofSeconds(10), new RetryPolicy(1, Backoff.DEFAULT, d -> { }), Environment.of(Map.of()), null,
                    null, Duration.ofMillis(200));
            assertThat(get(http, server, "/a")).isEqualTo("hello");
            assertThat(get(http, server, "/b")).isEqualTo("hello"); // within its time: the same connection
            assertThat(server.accepted()).isEqualTo(1);
            // no further request and no closeIdleConnections(): a long-lived client that stopped downloading
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.closedByClient() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.closedByClient()).isEqualTo(1);
            assertThat(get(http, server, "/c")).isEqualTo("hello");
            assertThat(server.accepted()).isEqualTo(2);
        }
    }

    @Test
    void aBodyClosedBeforeItsEndClosesItsConnection() throws Exception {
        assertNotReusedAfter("/big", "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(100_000));
    }

    @Test
    void connectionCloseInTheResponseClosesTheConnection() throws Exception {
        assertNotReusedAfter("/close", "HTTP/1.1 200 OK\r\nConnection: keep-alive, CLOSE\r\nContent-Length: 5\r\n\r\nhello");
    }

    @Test
    void anHttp10ResponseClosesTheConnection() throws Exception {
        assertNotReusedAfter("/old", "HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello");
    }

    @Test
    void bytesAfterTheBodyCloseTheConnection() throws Exception {
        assertNotReusedAfter("/extra", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloHTTP/1.1 200 OK\r\n");
    }

    @Test
    void aBodyUntilTheCloseClosesTheConnection() throws Exception {
        assertNotReusedAfter("/unframed", "HTTP/1.1 200 OK\r\n\r\nhello");
    }

    @Test
    void aRequestOnAConnectionTheServerClosedIsSentOnceMoreOnANewOne() throws Exception {
        Set<Socket> answered = ConcurrentHashMap.newKeySet();
        try (RawServer server = RawServer.keepingAlive((head, out, socket) -> {
            if (!answered.add(socket)) {
                socket.close(); // the idle connection's end: the request is dropped unanswered
                return;
            }
            out.write(ascii(HELLO));
        })) {
            HubHttp http = client(server, Duration.ofSeconds(10), Map.of());
            assertThat(get(http, server, "/a")).isEqualTo("hello");
            assertThat(get(http, server, "/b")).isEqualTo("hello");
            assertThat(server.requests()).extracting(SocketTransportTest::path).containsExactly("/a", "/b", "/b");
            assertThat(server.accepted()).isEqualTo(2);
        }
    }

    @Test
    void aReusedConnectionThatDiesAfterPartOfTheHeadIsAnError() throws Exception {
        try (RawServer server = RawServer.keepingAlive((head, out, socket) -> {
            if (path(head).equals("/partial")) {
                out.write(ascii("HTTP/1.1 200 OK\r\nContent-Le"));
                out.flush();
                socket.close();
                return;
            }
            out.write(ascii(HELLO));
        })) {
            HubHttp http = client(server, Duration.ofSeconds(10), Map.of());
            assertThat(get(http, server, "/a")).isEqualTo("hello");
            assertThatThrownBy(() -> get(http, server, "/partial")).isInstanceOf(IOException.class)
                    .hasMessageContaining("127.0.0.1");
            assertThat(server.requests()).extracting(SocketTransportTest::path).containsExactly("/a", "/partial");
            assertThat(server.accepted()).isEqualTo(1);
        }
    }
}
