package io.hfhub.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Arrays;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The HTTPS mode: the same Hub and CDN behind TLS, faults included. */
class HttpsTest {
  private static final HttpClient TRUSTING = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).sslContext(HubServer.clientSslContext()).build();

  @Test
  void resolveRedirectsToAnHttpsCdnAndFaultsStillApply() throws Exception {
    byte[] weights = new byte[100_000];
    Arrays.fill(weights, (byte) 7);
    try (HubServer server = HubServer.startHttps()) {
      assertThat(server.isHttps()).isTrue();
      assertThat(server.endpoint()).matches("https://127\\.0\\.0\\.1:\\d+");
      assertThat(server.cdnEndpoint()).matches("https://127\\.0\\.0\\.2:\\d+");
      server.repo("org/tls").lfsFile("w.bin", weights);
      server.faults().on("hub").method("HEAD").header("X-Repo-Commit", null);
      HttpResponse<Void> head = TRUSTING.send(HttpRequest.newBuilder(URI.create(server.endpoint()
          + "/org/tls/resolve/main/w.bin")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.discarding());
      assertThat(head.statusCode()).isEqualTo(302);
      assertThat(head.headers().firstValue("X-Repo-Commit")).isEmpty();
      assertThat(head.headers().firstValue("X-Linked-Size")).contains("100000");
      String location = head.headers().firstValue("Location").orElseThrow();
      assertThat(location).startsWith(server.cdnEndpoint());

      server.faults().on("cdn").cutAfter(1_000);
      assertThatThrownBy(() -> TRUSTING.send(HttpRequest.newBuilder(URI.create(location)).build(),
          HttpResponse.BodyHandlers.ofByteArray())).isInstanceOf(IOException.class);
      HttpResponse<byte[]> whole = TRUSTING.send(HttpRequest.newBuilder(URI.create(location)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(whole.body()).isEqualTo(weights);
    }
  }

  @Test
  void anUntrustingClientFailsTheHandshakeAndTheBundleIsPem() throws Exception {
    try (HubServer server = HubServer.startHttps()) {
      HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/api/models/x/y")).build(),
          HttpResponse.BodyHandlers.discarding())).isInstanceOf(SSLHandshakeException.class);
      assertThat(server.requests()).isEmpty();
    }
    try (InputStream pem = Files.newInputStream(HubServer.caBundle())) {
      assertThat(new String(pem.readAllBytes())).startsWith("-----BEGIN CERTIFICATE-----").contains("-----END CERTIFICATE-----");
    }
  }
}
