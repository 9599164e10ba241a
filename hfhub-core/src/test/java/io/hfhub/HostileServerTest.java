package io.hfhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that lies, which the testkit Hub never does: headers that try to smuggle paths or schemes. A bare JDK
 * server on loopback answers whatever each test sets.
 */
class HostileServerTest {
    @TempDir
    Path cache;

    private HttpServer server;
    private volatile String location;
    private volatile String etag = "\"b6ded5f340daa14ef0b286ae424ea6eef34544b1\"";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("X-Repo-Commit", "0123456789abcdef0123456789abcdef01234567");
            exchange.getResponseHeaders().add("ETag", etag);
            exchange.getResponseHeaders().add("X-Linked-Size", "5");
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private HfHub client() {
        return TestHubs.builder("http://127.0.0.1:" + server.getAddress().getPort(), cache).maxAttempts(2).build();
    }

    @Test
    void aRedirectToAFileUrlIsNeverFollowed() throws IOException {
        location = "file:///etc/passwd";
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.download("acme/x", "config.json")).isInstanceOf(HfHubException.class)
                    .hasMessageContaining("refusing");
        }
        assertThat(cache.resolve("models--acme--x/snapshots")).doesNotExist();
        try (Stream<Path> files = Files.walk(cache.resolve("models--acme--x/blobs"))) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty(); // the partial file went too
        }
    }

    @Test
    void anEtagThatIsAPathIsRefused() {
        location = "http://127.0.0.2:1/x";
        etag = "\"../../../../tmp/evil\"";
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.download("acme/x", "config.json")).isInstanceOf(FileMetadataException.class)
                    .hasMessageContaining("ETag");
        }
        assertThat(cache.resolve("models--acme--x/blobs")).doesNotExist();
    }
}
