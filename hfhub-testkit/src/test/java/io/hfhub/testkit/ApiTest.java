package io.hfhub.testkit;

import static io.hfhub.testkit.Http.get;
import static io.hfhub.testkit.Http.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ApiTest {
  @RegisterExtension final HubServerExtension hub = new HubServerExtension();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");

  @Test
  void repoInfoListsSiblingsAtTheResolvedCommit() throws IOException {
    RepoBuilder repo = hub.repo("org/name").file("config.json", "{}").lfsFile("w.safetensors", new byte[10]);
    repo.revision("refs/pr/1").file("extra.txt", "x");

    JsonNode main = JSON.readTree(get(hub.endpoint() + "/api/models/org/name").body());
    assertThat(main.get("id").asText()).isEqualTo("org/name");
    assertThat(main.get("sha").asText()).isEqualTo(repo.commit("main"));
    assertThat(main.get("private").asBoolean()).isFalse();
    assertThat(main.get("siblings").findValuesAsText("rfilename")).containsExactly("config.json", "w.safetensors");

    JsonNode pr = JSON.readTree(get(hub.endpoint() + "/api/models/org/name/revision/refs%2Fpr%2F1").body());
    assertThat(pr.get("sha").asText()).isEqualTo(repo.commit("refs/pr/1"));
    assertThat(pr.get("siblings")).hasSize(3);

    HttpResponse<byte[]> missing = get(hub.endpoint() + "/api/models/org/name/revision/nope");
    assertThat(header(missing, "X-Error-Code")).isEqualTo("RevisionNotFound");
    assertThat(header(get(hub.endpoint() + "/api/datasets/org/name"), "X-Error-Code")).isEqualTo("RepoNotFound");
  }

  @Test
  void privateRepoInfoNeedsToken() {
    hub.repo("dataset", "org/data").privateRepo("hf_secret");
    String url = hub.endpoint() + "/api/datasets/org/data/revision/main";
    assertThat(get(url).statusCode()).isEqualTo(401);
    assertThat(get(url, "Authorization", "Bearer hf_secret").statusCode()).isEqualTo(200);
  }

  @Test
  void treeIsPaginatedWithLinkHeaders() throws IOException {
    RepoBuilder repo = hub.repo("org/many");
    for (int i = 0; i < 250; i++) {
      repo.file(String.format("f%03d.txt", i), "file " + i);
    }
    hub.server().treePageSize(100);

    List<String> paths = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String url = hub.endpoint() + "/api/models/org/many/tree/main?recursive=true&expand=false";
    while (url != null) {
      HttpResponse<byte[]> page = get(url);
      assertThat(page.statusCode()).isEqualTo(200);
      JsonNode entries = JSON.readTree(page.body());
      pageSizes.add(entries.size());
      entries.forEach(e -> paths.add(e.get("path").asText()));
      String link = header(page, "Link");
      if (link == null) {
        url = null;
      } else {
        Matcher next = NEXT.matcher(link);
        assertThat(next.matches()).isTrue();
        url = next.group(1);
        assertThat(url).startsWith(hub.endpoint() + "/api/models/org/many/tree/main?recursive=true&expand=false&cursor=");
      }
    }
    assertThat(pageSizes).containsExactly(100, 100, 50);
    assertThat(paths).hasSize(250).doesNotHaveDuplicates().contains("f000.txt", "f249.txt");
  }

  @Test
  void treeDescribesFilesLfsAndDirectories() throws IOException {
    byte[] weights = new byte[1234];
    hub.repo("org/name").file("a/b/c.txt", "hello\n").lfsFile("a/w.bin", weights).file("top.txt", "t");
    String base = hub.endpoint() + "/api/models/org/name/tree/main";

    JsonNode all = JSON.readTree(get(base + "?recursive=true&expand=false").body());
    assertThat(all.findValuesAsText("path")).containsExactly("a", "a/b", "a/b/c.txt", "a/w.bin", "top.txt");
    JsonNode text = find(all, "a/b/c.txt");
    assertThat(text.get("type").asText()).isEqualTo("file");
    assertThat(text.get("oid").asText()).isEqualTo("ce013625030ba8dba906f756967f9e9ca394464a");
    assertThat(text.get("size").asLong()).isEqualTo(6);
    JsonNode lfs = find(all, "a/w.bin");
    assertThat(lfs.get("size").asLong()).isEqualTo(1234);
    assertThat(lfs.get("lfs").get("oid").asText()).hasSize(64);
    assertThat(lfs.get("lfs").get("size").asLong()).isEqualTo(1234);
    assertThat(lfs.get("lfs").get("pointerSize").asInt()).isEqualTo(129);
    assertThat(find(all, "a").get("type").asText()).isEqualTo("directory");

    JsonNode top = JSON.readTree(get(base + "?recursive=false").body());
    assertThat(top.findValuesAsText("path")).containsExactly("a", "top.txt");
    JsonNode sub = JSON.readTree(get(base + "/a?recursive=false&expand=false").body());
    assertThat(sub.findValuesAsText("path")).containsExactly("a/b", "a/w.bin");
    assertThat(header(get(base + "/nope"), "X-Error-Code")).isEqualTo("EntryNotFound");
  }

  private static JsonNode find(JsonNode entries, String path) {
    for (JsonNode e : entries) {
      if (e.get("path").asText().equals(path)) {
        return e;
      }
    }
    throw new AssertionError("no entry " + path);
  }
}
