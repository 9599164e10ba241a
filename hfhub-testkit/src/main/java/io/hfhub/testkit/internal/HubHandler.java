package io.hfhub.testkit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The Hub server: {@code /{prefix}{repo}/resolve/{rev}/{path}} (files, or a 302 to the CDN for
 * LFS files), {@code /api/{type}s/{repo}[/revision/{rev}]} (repo info) and {@code
 * /api/{type}s/{repo}/tree/{rev}[/{path}]} (paginated tree listing), with the Hub's access rules,
 * rename redirects and {@code X-Error-Code} errors.
 */
public final class HubHandler implements Handler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RepoRegistry registry;
  private final UrlSigner signer;
  private final Supplier<String> endpoint;
  private final Supplier<String> cdnEndpoint;
  private final Supplier<String> casEndpoint;
  private final IntSupplier treePageSize;
  private final Users users;

  /** The outcome of opening a repo named in a URL: the repo, or the response that denies it. */
  private record Access(Repository repository, HttpResponse denial) {}

  /**
   * Creates the handler.
   *
   * @param endpoint this server's base URL, for the tree API's {@code Link} header
   * @param cdnEndpoint the CDN's base URL, for LFS redirects
   * @param casEndpoint the Xet CAS's base URL, for Xet tokens and headers
   * @param treePageSize the tree API's page size, read at each request
   */
  public HubHandler(RepoRegistry registry, UrlSigner signer, Supplier<String> endpoint,
      Supplier<String> cdnEndpoint, Supplier<String> casEndpoint, IntSupplier treePageSize) {
    this(registry, signer, endpoint, cdnEndpoint, casEndpoint, treePageSize, new Users());
  }

  /** The same, answering {@code /api/whoami-v2} for these accounts. */
  public HubHandler(RepoRegistry registry, UrlSigner signer, Supplier<String> endpoint,
      Supplier<String> cdnEndpoint, Supplier<String> casEndpoint, IntSupplier treePageSize, Users users) {
    this.users = users;
    this.registry = registry;
    this.signer = signer;
    this.endpoint = endpoint;
    this.cdnEndpoint = cdnEndpoint;
    this.casEndpoint = casEndpoint;
    this.treePageSize = treePageSize;
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    HttpResponse response;
    try {
      response = route(request);
    } catch (IllegalArgumentException e) {
      response = HubErrors.error(400, null, "Bad request: " + e.getMessage());
    }
    if (response.header("X-Request-Id") == null) {
      response.header("X-Request-Id", UUID.randomUUID().toString());
    }
    return response;
  }

  private HttpResponse route(HttpRequest request) {
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      return HubErrors.error(405, null, "Method not allowed: " + request.method());
    }
    List<String> segments = segments(request.rawPath());
    if (segments.get(0).equals("api")) {
      return api(request, segments);
    }
    return resolve(request, segments);
  }

  // ---- /{prefix}{repo}/resolve/{revision}/{path}

  private HttpResponse resolve(HttpRequest request, List<String> segs) {
    int start = 0;
    String type = "model";
    if (segs.get(0).equals("datasets") || segs.get(0).equals("spaces")) {
      type = segs.get(0).equals("datasets") ? "dataset" : "space";
      start = 1;
    }
    int idLength;
    if (segs.size() > start + 2 && segs.get(start + 2).equals("resolve")) {
      idLength = 2;
    } else if (segs.size() > start + 1 && segs.get(start + 1).equals("resolve")) {
      idLength = 1;
    } else {
      return HubErrors.error(404, null, "Not found: " + request.rawPath());
    }
    int resolveAt = start + idLength;
    if (segs.size() < resolveAt + 3) {
      return HubErrors.error(404, "EntryNotFound", "No file path in " + request.rawPath());
    }
    Access access = open(request, type, segs, start, idLength);
    if (access.denial() != null) {
      return access.denial();
    }
    Repository repo = access.repository();
    String revision = PercentCodec.decode(segs.get(resolveAt + 1));
    Snapshot snapshot = repo.resolve(revision);
    if (snapshot == null) {
      return HubErrors.error(404, "RevisionNotFound", "Invalid rev id: " + revision);
    }
    String path = segs.subList(resolveAt + 2, segs.size()).stream()
        .map(PercentCodec::decode).collect(Collectors.joining("/"));
    RepoEntry entry = snapshot.files().get(path);
    if (entry == null) {
      return HubErrors.error(404, "EntryNotFound", path + " does not exist on \"" + revision + "\"")
          .header("X-Repo-Commit", snapshot.commit());
    }
    return entry.isLfs() ? lfsRedirect(repo, snapshot, entry) : regularFile(request, snapshot, entry);
  }

  private static HttpResponse regularFile(HttpRequest request, Snapshot snapshot, RepoEntry entry) {
    HttpResponse base = HttpResponse.status(200)
        .header("Content-Type", "application/octet-stream")
        .header("X-Repo-Commit", snapshot.commit())
        .header("ETag", quote(entry.gitOid()));
    return ByteRanges.serve(request, ResponseBody.of(entry.content()), base);
  }

  private HttpResponse lfsRedirect(Repository repo, Snapshot snapshot, RepoEntry entry) {
    String sha256 = entry.lfs().sha256();
    String location = cdnEndpoint.get() + "/blobs/" + sha256 + "?" + signer.sign(sha256);
    HttpResponse response = HttpResponse.status(302)
        .header("Content-Type", "text/plain; charset=utf-8")
        .header("Location", location)
        .header("X-Repo-Commit", snapshot.commit())
        .header("X-Linked-Etag", quote(sha256))
        .header("X-Linked-Size", Long.toString(entry.size()))
        .header("ETag", quote(entry.gitOid()))
        .body(ResponseBody.text("Found. Redirecting to " + location));
    XetStore.XetFile xet = registry.xet().store().bySha256(sha256);
    if (xet != null) {
      // stored in the Xet CAS: its real id, served by the CAS server
      return withXetHeaders(response, repo, snapshot, xet.fileHash(), casEndpoint.get() + "/v1/reconstructions/");
    }
    if (repo.xetBacked()) {
      // headers only (for proxies and mirrors to strip): the id is made up and no CAS knows it
      String madeUp = Hashes.sha256((sha256 + "xet").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return withXetHeaders(response, repo, snapshot, madeUp, cdnEndpoint.get() + "/xet/reconstructions/");
    }
    return response;
  }

  /** What the Hub adds for a Xet file: the Xet hash and where a Xet client gets a token and the chunks. */
  private HttpResponse withXetHeaders(HttpResponse response, Repository repo, Snapshot snapshot, String xetHash,
      String reconstructions) {
    String hub = endpoint.get();
    String tokenRoute = "/api/" + repo.type() + "s/" + repo.id() + "/xet-read-token/" + snapshot.commit();
    return response
        .header("X-Xet-Hash", xetHash)
        .header("X-Xet-Refresh-Route", tokenRoute)
        .header("Link", "<" + hub + tokenRoute + ">; rel=\"xet-auth\", <" + reconstructions + xetHash
            + ">; rel=\"xet-reconstruction-info\"");
  }

  // ---- /api/{models|datasets|spaces}/{repo}[/revision/{rev} | /tree/{rev}[/{path}]]

  private HttpResponse api(HttpRequest request, List<String> segs) {
    if (segs.size() == 2 && segs.get(1).equals("whoami-v2")) {
      return whoami(request);
    }
    if (segs.size() < 3 || !List.of("models", "datasets", "spaces").contains(segs.get(1))) {
      return HubErrors.error(404, null, "Not found: " + request.rawPath());
    }
    String type = segs.get(1).substring(0, segs.get(1).length() - 1);
    int idLength = 2;
    if (segs.size() == 3) {
      idLength = 1;
    } else if (!registry.knows(type, PercentCodec.decode(segs.get(2) + "/" + segs.get(3)))
        && List.of("revision", "tree", "xet-read-token").contains(segs.get(3))
        && registry.knows(type, PercentCodec.decode(segs.get(2)))) {
      idLength = 1;
    }
    Access access = open(request, type, segs, 2, idLength);
    if (access.denial() != null) {
      return access.denial();
    }
    List<String> rest = segs.subList(2 + idLength, segs.size());
    if (rest.isEmpty() || rest.equals(List.of(""))) {
      return info(access.repository(), "main");
    }
    if (rest.size() == 2 && rest.get(0).equals("revision")) {
      return info(access.repository(), PercentCodec.decode(rest.get(1)));
    }
    if (rest.size() == 2 && rest.get(0).equals("xet-read-token")) {
      return xetReadToken(access.repository(), PercentCodec.decode(rest.get(1)));
    }
    if (rest.size() >= 2 && rest.get(0).equals("tree")) {
      String path = PercentCodec.decode(String.join("/", rest.subList(2, rest.size())));
      return tree(request, access.repository(), PercentCodec.decode(rest.get(1)), trimSlashes(path));
    }
    return HubErrors.error(404, null, "Not found: " + request.rawPath());
  }

  // ---- /api/whoami-v2: the account of the bearer token, in the Hub's shape

  private HttpResponse whoami(HttpRequest request) {
    Users.User user = users.find(bearerToken(request));
    if (user == null) {
      return HubErrors.error(401, null, "Invalid credentials in Authorization header");
    }
    ObjectNode body = JSON.createObjectNode().put("type", "user").put("name", user.name())
        .put("fullname", user.name());
    ArrayNode orgs = body.putArray("orgs");
    user.orgs().forEach(org -> orgs.addObject().put("type", "org").put("name", org));
    body.putObject("auth").put("type", "access_token").putObject("accessToken")
        .put("displayName", user.tokenName()).put("role", user.role());
    return json(200, body.toString());
  }

  private static HttpResponse info(Repository repo, String revision) {
    Snapshot snapshot = repo.resolve(revision);
    if (snapshot == null) {
      return HubErrors.error(404, "RevisionNotFound", "Invalid rev id: " + revision);
    }
    ObjectNode body = JSON.createObjectNode()
        .put("_id", snapshot.commit().substring(0, 24))
        .put("id", repo.id())
        .put("private", repo.privateToken() != null);
    if (repo.gatedToken() != null) {
      body.put("gated", "auto");
    } else {
      body.put("gated", false);
    }
    body.put("disabled", false).put("sha", snapshot.commit());
    ArrayNode siblings = body.putArray("siblings");
    snapshot.files().keySet().forEach(path -> siblings.addObject().put("rfilename", path));
    return json(200, body.toString());
  }

  /**
   * A Xet read token: JSON {@code accessToken}, {@code exp}, {@code casUrl} (the spec's answer) and the
   * same as {@code X-Xet-*} headers (which the Python client reads).
   */
  private HttpResponse xetReadToken(Repository repo, String revision) {
    if (repo.resolve(revision) == null) {
      return HubErrors.error(404, "RevisionNotFound", "Invalid rev id: " + revision);
    }
    String[] token = registry.xet().issueToken();
    ObjectNode body = JSON.createObjectNode()
        .put("accessToken", token[0])
        .put("exp", Long.parseLong(token[1]))
        .put("casUrl", casEndpoint.get());
    return json(200, body.toString())
        .header("X-Xet-Access-Token", token[0])
        .header("X-Xet-Token-Expiration", token[1])
        .header("X-Xet-Cas-Url", casEndpoint.get());
  }

  private HttpResponse tree(HttpRequest request, Repository repo, String revision, String dir) {
    Snapshot snapshot = repo.resolve(revision);
    if (snapshot == null) {
      return HubErrors.error(404, "RevisionNotFound", "Invalid rev id: " + revision);
    }
    Map<String, String> params = PercentCodec.parseQuery(request.query());
    boolean recursive = Boolean.parseBoolean(params.getOrDefault("recursive", "false"));
    List<ObjectNode> entries = TreeListing.list(snapshot, dir, recursive);
    if (entries == null) {
      return HubErrors.error(404, "EntryNotFound", dir + " does not exist on \"" + revision + "\"")
          .header("X-Repo-Commit", snapshot.commit());
    }
    int from = decodeCursor(params.get("cursor"));
    int to = (int) Math.min(entries.size(), (long) from + Math.max(1, treePageSize.getAsInt()));
    ArrayNode page = JSON.createArrayNode();
    entries.subList(Math.min(from, entries.size()), to).forEach(entry -> page.add(withXetHash(entry)));
    HttpResponse response = json(200, page.toString()).header("X-Repo-Commit", snapshot.commit());
    if (to < entries.size()) {
      response.header("Link", "<" + nextPageUrl(request, to) + ">; rel=\"next\"");
    }
    return response;
  }

  /** A Xet-backed file's entry names its Xet id, as the Hub's listing does. */
  private ObjectNode withXetHash(ObjectNode entry) {
    if (entry.has("lfs")) {
      XetStore.XetFile xet = registry.xet().store().bySha256(entry.get("lfs").get("oid").asText());
      if (xet != null) {
        return entry.deepCopy().put("xetHash", xet.fileHash());
      }
    }
    return entry;
  }

  /** The same URL with {@code cursor} replaced, as the Hub does (GitHub-style Link pagination). */
  private String nextPageUrl(HttpRequest request, int next) {
    List<String> pairs = new ArrayList<>();
    if (request.query() != null && !request.query().isEmpty()) {
      Arrays.stream(request.query().split("&")).filter(p -> !p.startsWith("cursor=")).forEach(pairs::add);
    }
    pairs.add("cursor=" + Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("offset:" + next).getBytes(StandardCharsets.US_ASCII)));
    return endpoint.get() + request.rawPath() + "?" + String.join("&", pairs);
  }

  private static int decodeCursor(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return 0;
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      if (!text.startsWith("offset:")) {
        throw new IllegalArgumentException("invalid cursor");
      }
      return Integer.parseInt(text.substring("offset:".length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid cursor: " + cursor);
    }
  }

  // ---- access: renames, unknown repos, private and gated repos

  private Access open(HttpRequest request, String type, List<String> segs, int start, int idLength) {
    String id = segs.subList(start, start + idLength).stream()
        .map(PercentCodec::decode).collect(Collectors.joining("/"));
    RepoRegistry.Lookup lookup = registry.find(type, id);
    if (lookup.movedTo() != null) {
      // The Hub answers a renamed repo with a relative redirect to the same URL under the new name.
      List<String> moved = new ArrayList<>(segs.subList(0, start));
      moved.add(lookup.movedTo());
      moved.addAll(segs.subList(start + idLength, segs.size()));
      String location = "/" + String.join("/", moved) + (request.query() == null ? "" : "?" + request.query());
      return new Access(null, HttpResponse.status(307)
          .header("Location", location)
          .header("Content-Type", "text/plain; charset=utf-8")
          .body(ResponseBody.text("Temporary Redirect. Redirecting to " + location)));
    }
    Repository repo = lookup.repository();
    if (repo == null) {
      return new Access(null, HubErrors.error(404, "RepoNotFound", "Repository Not Found for url: " + request.rawPath()));
    }
    String token = bearerToken(request);
    if (repo.privateToken() != null && !repo.privateToken().equals(token)) {
      return new Access(null, HubErrors.error(401, "RepoNotFound",
          "Repository Not Found for url: " + request.rawPath() + ". Invalid username or password."));
    }
    if (repo.gatedToken() != null && !repo.gatedToken().equals(token)) {
      return new Access(null, HubErrors.error(403, "GatedRepo", "Access to " + type + " " + repo.id()
          + " is restricted. You must have access to it and be authenticated to access it. Please log in."));
    }
    return new Access(repo, null);
  }

  private static String bearerToken(HttpRequest request) {
    String authorization = request.header("Authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return authorization.substring(7).trim();
  }

  // ---- helpers

  private static List<String> segments(String rawPath) {
    String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    return Arrays.asList(path.split("/", -1));
  }

  private static String trimSlashes(String path) {
    int from = 0;
    int to = path.length();
    while (from < to && path.charAt(from) == '/') {
      from++;
    }
    while (to > from && path.charAt(to - 1) == '/') {
      to--;
    }
    return path.substring(from, to);
  }

  private static String quote(String etag) {
    return "\"" + etag + "\"";
  }

  private static HttpResponse json(int status, String body) {
    return HttpResponse.status(status)
        .header("Content-Type", "application/json; charset=utf-8")
        .body(ResponseBody.text(body));
  }
}
