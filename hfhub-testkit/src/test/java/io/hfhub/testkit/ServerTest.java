package io.hfhub.testkit;

import static io.hfhub.testkit.Http.get;
import static io.hfhub.testkit.Http.head;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.testkit.internal.LoopbackHttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ServerTest {
  @RegisterExtension final HubServerExtension hub = new HubServerExtension();

  @Test
  void extensionInjectsTheSameServer(HubServer server) {
    assertThat(server).isSameAs(hub.server());
    assertThat(server.endpoint()).matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(server.cdnEndpoint()).isNotEqualTo(server.endpoint());
    assertThat(server.repo("org/x")).isSameAs(server.repo("org/x"));
  }

  @Test
  void recordsRequestsOfBothServersInArrivalOrder() {
    hub.repo("org/name").file("a.txt", "a").lfsFile("w.bin", new byte[10]);
    head(hub.endpoint() + "/org/name/resolve/main/a.txt", "User-Agent", "test/1");
    String location = Http.header(head(hub.endpoint() + "/org/name/resolve/main/w.bin"), "Location");
    get(location, "Range", "bytes=0-");
    get(hub.endpoint() + "/org/name/resolve/main/sub%20dir/x.txt?download=true");

    assertThat(hub.requests()).extracting(RecordedRequest::server).containsExactly("hub", "hub", "cdn", "hub");
    RecordedRequest first = hub.requests().get(0);
    assertThat(first.method()).isEqualTo("HEAD");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("user-agent")).isEqualTo("test/1");
    assertThat(first.query()).isNull();
    assertThat(hub.requests("cdn")).singleElement().satisfies(r -> {
      assertThat(r.range()).isEqualTo("bytes=0-");
      assertThat(r.status()).isEqualTo(206);
      assertThat(r.query()).startsWith("expires=");
    });
    RecordedRequest last = hub.requests("hub").get(2);
    assertThat(last.rawPath()).isEqualTo("/org/name/resolve/main/sub%20dir/x.txt");
    assertThat(last.query()).isEqualTo("download=true");
    assertThat(last.status()).isEqualTo(404);

    hub.clearRequests();
    assertThat(hub.requests()).isEmpty();
  }

  @Test
  void keepsConnectionsAliveWithContentLengthOnEveryResponse() throws IOException {
    hub.repo("org/name").file("a.txt", "hello");
    URI uri = URI.create(hub.endpoint());
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      String request = "HEAD /org/name/resolve/main/a.txt HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /org/name/resolve/main/a.txt HTTP/1.1\r\nHost: x\r\n\r\n"
          + "GET /org/name/resolve/main/missing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String all = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      String[] responses = all.split("(?=HTTP/1\\.1 )");
      assertThat(responses).hasSize(3);
      assertThat(responses[0]).startsWith("HTTP/1.1 200").contains("Content-Length: 5\r\n").endsWith("\r\n\r\n");
      assertThat(responses[1]).startsWith("HTTP/1.1 200").endsWith("\r\n\r\nhello");
      assertThat(responses[2]).startsWith("HTTP/1.1 404").contains("Connection: close");
    }
  }

  @Test
  void closeStopsServingAndReleasesPorts() {
    HubServer server = HubServer.start();
    String endpoint = server.endpoint();
    server.repo("org/name").file("a.txt", "a");
    assertThat(get(endpoint + "/org/name/resolve/main/a.txt").statusCode()).isEqualTo(200); // leaves a kept-alive connection
    String hubThreads = LoopbackHttpServer.threadNamePrefix("hub", server.port());
    String cdnThreads = LoopbackHttpServer.threadNamePrefix("cdn", server.cdnPort());
    assertThat(Thread.getAllStackTraces().keySet()).anyMatch(t -> t.getName().startsWith(hubThreads));

    server.close();

    assertThatThrownBy(() -> Http.sendOrThrow("GET", endpoint + "/api/models/a/b")).isInstanceOf(IOException.class);
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.isAlive() && (t.getName().startsWith(hubThreads) || t.getName().startsWith(cdnThreads)));
  }

  @Test
  void servesAFolderOfRepos(@TempDir Path dir) throws IOException {
    Path model = Files.createDirectories(dir.resolve("models/org/model"));
    Files.writeString(model.resolve("config.json"), "{}");
    Files.write(model.resolve("model.safetensors"), new byte[100]);
    Files.createDirectories(model.resolve("sub"));
    Files.write(model.resolve("sub/big.dat"), new byte[2 * 1024 * 1024]);
    Files.writeString(Files.createDirectories(dir.resolve("datasets/org/data")).resolve("train.csv"), "a,b");

    try (HubServer server = HubServer.serveFolder(dir)) {
      assertThat(head(server.endpoint() + "/org/model/resolve/main/config.json").statusCode()).isEqualTo(200);
      assertThat(head(server.endpoint() + "/org/model/resolve/main/model.safetensors").statusCode()).isEqualTo(302);
      assertThat(head(server.endpoint() + "/org/model/resolve/main/sub/big.dat").statusCode()).isEqualTo(302);
      assertThat(get(server.endpoint() + "/datasets/org/data/resolve/main/train.csv").body())
          .isEqualTo("a,b".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void mainPrintsTheEndpointLine(@TempDir Path dir) throws Exception {
    Files.writeString(Files.createDirectories(dir.resolve("models/org/m")).resolve("a.txt"), "a");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        HubServer.class.getName(), "--dir", dir.toString()).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line = out.readLine();
      assertThat(line).matches("HF_ENDPOINT=http://127\\.0\\.0\\.1:\\d+");
      String endpoint = line.substring("HF_ENDPOINT=".length());
      assertThat(get(endpoint + "/org/m/resolve/main/a.txt").statusCode()).isEqualTo(200);
    } finally {
      process.destroy();
      process.waitFor();
    }
  }
}
