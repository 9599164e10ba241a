package io.hfhub.testkit;

import static io.hfhub.testkit.Http.get;
import static io.hfhub.testkit.Http.head;
import static io.hfhub.testkit.Http.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.testkit.internal.Hashes;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ResolveTest {
  @RegisterExtension final HubServerExtension hub = new HubServerExtension();

  private static final byte[] CONFIG = "{\"model_type\": \"bert\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void regularFileHeadCarriesCommitEtagAndSizeWithoutBody() {
    RepoBuilder repo = hub.repo("org/name").file("config.json", CONFIG);

    HttpResponse<byte[]> response = head(hub.endpoint() + "/org/name/resolve/main/config.json");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(header(response, "X-Repo-Commit")).isEqualTo(repo.commit("main")).matches("[0-9a-f]{40}");
    assertThat(header(response, "ETag")).isEqualTo("\"" + Hashes.gitBlobSha1(CONFIG) + "\"");
    assertThat(header(response, "Content-Length")).isEqualTo(String.valueOf(CONFIG.length));
    assertThat(header(response, "Accept-Ranges")).isEqualTo("bytes");
    assertThat(response.body()).isEmpty();
  }

  @Test
  void gitBlobSha1MatchesGit() {
    // `printf 'hello\n' | git hash-object --stdin`
    assertThat(Hashes.gitBlobSha1("hello\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");
  }

  @Test
  void regularFileGetSendsBodyAndHonoursRanges() {
    hub.repo("org/name").file("config.json", CONFIG);
    String url = hub.endpoint() + "/org/name/resolve/main/config.json";

    assertThat(get(url).body()).isEqualTo(CONFIG);
    HttpResponse<byte[]> partial = get(url, "Range", "bytes=2-5");
    assertThat(partial.statusCode()).isEqualTo(206);
    assertThat(header(partial, "Content-Range")).isEqualTo("bytes 2-5/" + CONFIG.length);
    assertThat(new String(partial.body(), StandardCharsets.UTF_8)).isEqualTo("mode");
    HttpResponse<byte[]> beyond = get(url, "Range", "bytes=" + CONFIG.length + "-");
    assertThat(beyond.statusCode()).isEqualTo(416);
    assertThat(header(beyond, "Content-Range")).isEqualTo("bytes */" + CONFIG.length);
  }

  @Test
  void lfsFileRedirectsToSignedCdnUrlWithLinkedHeaders() {
    byte[] weights = new byte[5000];
    weights[42] = 7;
    RepoBuilder repo = hub.repo("org/name").lfsFile("model.safetensors", weights);
    String sha256 = Hashes.sha256(weights);

    HttpResponse<byte[]> response = head(hub.endpoint() + "/org/name/resolve/main/model.safetensors");

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(header(response, "Location"))
        .matches(Pattern.quote(hub.cdnEndpoint() + "/blobs/" + sha256) + "\\?expires=\\d+&sig=[0-9a-f]+");
    assertThat(header(response, "X-Repo-Commit")).isEqualTo(repo.commit());
    assertThat(header(response, "X-Linked-Etag")).isEqualTo("\"" + sha256 + "\"");
    assertThat(header(response, "X-Linked-Size")).isEqualTo("5000");
    assertThat(header(response, "ETag")).matches("\"[0-9a-f]{40}\"");
    assertThat(Long.parseLong(header(response, "Content-Length"))).isLessThan(5000);

    HttpResponse<byte[]> blob = get(header(response, "Location"));
    assertThat(blob.statusCode()).isEqualTo(200);
    assertThat(blob.body()).isEqualTo(weights);
    assertThat(header(blob, "ETag")).isEqualTo("\"" + sha256 + "\"");
  }

  @Test
  void unknownRepoRevisionAndFileGiveHubErrorCodes() {
    RepoBuilder repo = hub.repo("org/name").file("a.txt", "a");
    String base = hub.endpoint();

    HttpResponse<byte[]> noRepo = head(base + "/org/missing/resolve/main/a.txt");
    assertThat(noRepo.statusCode()).isEqualTo(404);
    assertThat(header(noRepo, "X-Error-Code")).isEqualTo("RepoNotFound");
    assertThat(header(noRepo, "X-Request-Id")).matches("[0-9a-f-]{36}");

    HttpResponse<byte[]> noRevision = get(base + "/org/name/resolve/nope/a.txt");
    assertThat(noRevision.statusCode()).isEqualTo(404);
    assertThat(header(noRevision, "X-Error-Code")).isEqualTo("RevisionNotFound");
    assertThat(new String(noRevision.body(), StandardCharsets.UTF_8)).startsWith("{\"error\":");

    HttpResponse<byte[]> noFile = head(base + "/org/name/resolve/main/b.txt");
    assertThat(noFile.statusCode()).isEqualTo(404);
    assertThat(header(noFile, "X-Error-Code")).isEqualTo("EntryNotFound");
    assertThat(header(noFile, "X-Repo-Commit")).isEqualTo(repo.commit());
  }

  @Test
  void prRevisionIsPercentEncodedWithoutSafeCharacters() {
    RepoBuilder pr = hub.repo("org/name").revision("refs/pr/1").file("pr.txt", "from the PR");

    HttpResponse<byte[]> response = get(hub.endpoint() + "/org/name/resolve/refs%2Fpr%2F1/pr.txt");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(header(response, "X-Repo-Commit")).isEqualTo(pr.commit());
    assertThat(pr.commit()).isNotEqualTo(hub.repo("org/name").commit("main"));
    assertThat(head(hub.endpoint() + "/org/name/resolve/main/pr.txt").statusCode()).isEqualTo(404);
  }

  @Test
  void anyCommitOfTheRepoResolvesIncludingOldOnes() {
    RepoBuilder repo = hub.repo("org/name").file("a.txt", "v1");
    String first = repo.commit();
    repo.file("a.txt", "v2");
    assertThat(repo.commit()).isNotEqualTo(first);

    HttpResponse<byte[]> old = get(hub.endpoint() + "/org/name/resolve/" + first + "/a.txt");
    assertThat(old.statusCode()).isEqualTo(200);
    assertThat(old.body()).isEqualTo("v1".getBytes(StandardCharsets.UTF_8));
    assertThat(header(old, "X-Repo-Commit")).isEqualTo(first);
  }

  @Test
  void tagsAndDatasetsAndSpacesResolve() {
    hub.repo("org/name").revision("v1.0").file("t.txt", "tag");
    hub.repo("dataset", "org/data").file("train.csv", "a,b");
    hub.repo("space", "org/app").file("app.py", "print()");

    assertThat(get(hub.endpoint() + "/org/name/resolve/v1.0/t.txt").statusCode()).isEqualTo(200);
    assertThat(get(hub.endpoint() + "/datasets/org/data/resolve/main/train.csv").body())
        .isEqualTo("a,b".getBytes(StandardCharsets.UTF_8));
    assertThat(get(hub.endpoint() + "/spaces/org/app/resolve/main/app.py").statusCode()).isEqualTo(200);
    assertThat(get(hub.endpoint() + "/org/data/resolve/main/train.csv").statusCode()).isEqualTo(404);
  }

  @Test
  void pathSegmentsArePercentDecodedAsUtf8AndPlusStaysPlus() {
    hub.repo("org/name").file("sub dir/données #1.txt", "unicode").file("a+b.txt", "plus");

    assertThat(get(hub.endpoint() + "/org/name/resolve/main/sub%20dir/donn%C3%A9es%20%231.txt").body())
        .isEqualTo("unicode".getBytes(StandardCharsets.UTF_8));
    assertThat(get(hub.endpoint() + "/org/name/resolve/main/a+b.txt").body())
        .isEqualTo("plus".getBytes(StandardCharsets.UTF_8));
    assertThat(get(hub.endpoint() + "/org/name/resolve/main/a%2Bb.txt").statusCode()).isEqualTo(200);
  }

  @Test
  void privateRepoNeedsItsToken() {
    hub.repo("org/secret").file("a.txt", "a").privateRepo("hf_secret");
    String url = hub.endpoint() + "/org/secret/resolve/main/a.txt";

    HttpResponse<byte[]> anonymous = head(url);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(header(anonymous, "X-Error-Code")).isEqualTo("RepoNotFound");
    assertThat(head(url, "Authorization", "Bearer hf_wrong").statusCode()).isEqualTo(401);
    assertThat(head(url, "Authorization", "Bearer hf_secret").statusCode()).isEqualTo(200);
  }

  @Test
  void gatedRepoAnswers403UntilTheTokenIsSent() {
    hub.repo("org/gated").file("a.txt", "a").gated("hf_secret");
    String url = hub.endpoint() + "/org/gated/resolve/main/a.txt";

    HttpResponse<byte[]> anonymous = get(url);
    assertThat(anonymous.statusCode()).isEqualTo(403);
    assertThat(header(anonymous, "X-Error-Code")).isEqualTo("GatedRepo");
    assertThat(get(url, "Authorization", "Bearer hf_secret").statusCode()).isEqualTo(200);
  }

  @Test
  void renamedRepoRedirectsWithRelativeLocation() {
    hub.repo("org/old").file("a.txt", "a");
    hub.rename("org/old", "org/new");

    HttpResponse<byte[]> moved = head(hub.endpoint() + "/org/old/resolve/main/a.txt");
    assertThat(moved.statusCode()).isEqualTo(307);
    assertThat(header(moved, "Location")).isEqualTo("/org/new/resolve/main/a.txt");
    assertThat(head(hub.endpoint() + "/org/new/resolve/main/a.txt").statusCode()).isEqualTo(200);

    hub.repo("dataset", "org/d1").file("x", "x").renamedTo("org/d2");
    HttpResponse<byte[]> api = get(hub.endpoint() + "/api/datasets/org/d1/revision/main?x=1");
    assertThat(header(api, "Location")).isEqualTo("/api/datasets/org/d2/revision/main?x=1");
    assertThat(hub.repo("dataset", "org/d1").id()).isEqualTo("org/d2");
  }

  @Test
  void singleNameReposResolve() {
    hub.repo("gpt2").file("config.json", "{}");
    assertThat(get(hub.endpoint() + "/gpt2/resolve/main/config.json").statusCode()).isEqualTo(200);
    assertThat(get(hub.endpoint() + "/api/models/gpt2/revision/main").statusCode()).isEqualTo(200);
  }
}
