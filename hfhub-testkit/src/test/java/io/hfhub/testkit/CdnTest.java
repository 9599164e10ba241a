package io.hfhub.testkit;

import static io.hfhub.testkit.Http.get;
import static io.hfhub.testkit.Http.head;
import static io.hfhub.testkit.Http.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.testkit.internal.Hashes;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class CdnTest {
  @RegisterExtension final HubServerExtension hub = new HubServerExtension();

  private final byte[] weights = new byte[100_000];
  private String cdnUrl;

  @BeforeEach
  void setUp() {
    new Random(1).nextBytes(weights);
    hub.repo("org/name").lfsFile("model.bin", weights);
    cdnUrl = header(head(hub.endpoint() + "/org/name/resolve/main/model.bin"), "Location");
  }

  @Test
  void servesRangesHonestly() {
    HttpResponse<byte[]> tail = get(cdnUrl, "Range", "bytes=99990-");
    assertThat(tail.statusCode()).isEqualTo(206);
    assertThat(header(tail, "Content-Range")).isEqualTo("bytes 99990-99999/100000");
    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(weights, 99990, 100000));

    HttpResponse<byte[]> middle = get(cdnUrl, "Range", "bytes=10-19");
    assertThat(header(middle, "Content-Length")).isEqualTo("10");
    assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(weights, 10, 20));

    HttpResponse<byte[]> beyond = get(cdnUrl, "Range", "bytes=100000-");
    assertThat(beyond.statusCode()).isEqualTo(416);
    assertThat(header(beyond, "Content-Range")).isEqualTo("bytes */100000");
  }

  @Test
  void headGivesSizeAndEtagWithoutBody() {
    HttpResponse<byte[]> response = head(cdnUrl);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(header(response, "Content-Length")).isEqualTo("100000");
    assertThat(header(response, "ETag")).isEqualTo("\"" + Hashes.sha256(weights) + "\"");
    assertThat(header(response, "Accept-Ranges")).isEqualTo("bytes");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void rejectsAnyAuthorizationHeader() {
    assertThat(get(cdnUrl, "Authorization", "Bearer hf_secret").statusCode()).isEqualTo(400);
    assertThat(hub.requests("cdn")).last().satisfies(r -> {
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.header("authorization")).isEqualTo("Bearer hf_secret");
    });
  }

  @Test
  void rejectsBadOrMissingSignature() {
    String unsigned = cdnUrl.substring(0, cdnUrl.indexOf('?'));
    assertThat(get(unsigned).statusCode()).isEqualTo(403);
    assertThat(get(cdnUrl.replaceAll("sig=.", "sig=x")).statusCode()).isEqualTo(403);
  }

  @Test
  void tokenOfPrivateRepoIsCheckedOnTheHubOnly() {
    hub.repo("org/private").lfsFile("w.bin", weights).privateRepo("hf_secret");
    HttpResponse<byte[]> redirect = head(hub.endpoint() + "/org/private/resolve/main/w.bin",
        "Authorization", "Bearer hf_secret");
    assertThat(redirect.statusCode()).isEqualTo(302);
    assertThat(get(header(redirect, "Location")).body()).isEqualTo(weights);
  }

  @Test
  void servesLfsFilesFromDisk(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("big.bin");
    Files.write(file, weights);
    hub.repo("org/disk").lfsFile("big.bin", file);
    HttpResponse<byte[]> redirect = head(hub.endpoint() + "/org/disk/resolve/main/big.bin");
    assertThat(header(redirect, "X-Linked-Etag")).isEqualTo("\"" + Hashes.sha256(weights) + "\"");

    HttpResponse<byte[]> range = get(header(redirect, "Location"), "Range", "bytes=50000-");
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.body()).isEqualTo(Arrays.copyOfRange(weights, 50000, 100000));
  }
}
