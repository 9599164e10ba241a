package io.hfhub.testkit;

import io.hfhub.testkit.internal.CasHandler;
import io.hfhub.testkit.internal.CdnHandler;
import io.hfhub.testkit.internal.Delivery;
import io.hfhub.testkit.internal.ExchangeHooks;
import io.hfhub.testkit.internal.HttpRequest;
import io.hfhub.testkit.internal.HubHandler;
import io.hfhub.testkit.internal.LoopbackCertificate;
import io.hfhub.testkit.internal.LoopbackHttpServer;
import io.hfhub.testkit.internal.RepoRegistry;
import io.hfhub.testkit.internal.Repository;
import io.hfhub.testkit.internal.TlsFront;
import io.hfhub.testkit.internal.UrlSigner;
import io.hfhub.testkit.internal.Users;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * An embedded Hugging Face Hub over real loopback HTTP: a Hub server (resolve URLs, repo info and
 * tree API) and a second server on another port acting as the CDN that LFS files redirect to.
 *
 * <pre>{@code
 * try (HubServer hub = HubServer.start()) {
 *   hub.repo("org/name").file("config.json", json).lfsFile("model.safetensors", weights);
 *   String endpoint = hub.endpoint();               // give this to the client as HF_ENDPOINT
 *   ...
 *   assertThat(hub.requests("cdn")).allMatch(r -> r.header("Authorization") == null);
 * }
 * }</pre>
 *
 * <p>It behaves as the Python {@code huggingface_hub} client sees the real Hub: git-sha1 and sha256
 * ETags, {@code X-Repo-Commit}, {@code X-Linked-Etag}/{@code X-Linked-Size} on LFS redirects,
 * presigned CDN URLs that refuse {@code Authorization}, honest byte ranges, {@code X-Error-Code}
 * errors, private/gated repos, rename redirects and a paginated tree API. Every request is recorded
 * ({@link #requests()}) and {@link #faults()} injects failures. Thread-safe.
 *
 * <p>Run {@link #main} to serve a folder of repos from the command line.
 */
public final class HubServer implements AutoCloseable {
  private final RepoRegistry registry = new RepoRegistry();
  private final UrlSigner signer = new UrlSigner(Clock.systemUTC());
  private final Faults faults = new Faults(signer::expireAll);
  private final Map<Repository, RepoBuilder> builders = new IdentityHashMap<>();
  private final ConcurrentSkipListMap<Long, RecordedRequest> recorded = new ConcurrentSkipListMap<>();
  private final AtomicLong arrivals = new AtomicLong();
  private final Users users = new Users();
  private final String host;
  private final String cdnHost;
  private volatile int treePageSize = 1000;
  private final LoopbackHttpServer hub;
  private final LoopbackHttpServer cdn;
  private final LoopbackHttpServer cas;
  private final TlsFront hubFront;
  private final TlsFront cdnFront;

  private HubServer(String host, int hubPort, int cdnPort, boolean https) {
    this.host = host;
    ExchangeHooks hooks = new Hooks();
    // Over HTTPS the plain servers take free ports and a TLS front takes the public ones.
    int plainHubPort = https ? 0 : hubPort;
    int plainCdnPort = https ? 0 : cdnPort;
    LoopbackHttpServer cdnServer = null;
    String chosenCdnHost = host;
    if (host.equals("127.0.0.1")) {
      // The real CDN is another host, and clients decide by host name (not port) whether a redirect leaves
      // the Hub (huggingface_hub 2.x follows same-host redirects of its HEAD). All of 127.0.0.0/8 is loopback
      // on Linux, so the CDN takes 127.0.0.2 there; elsewhere it shares 127.0.0.1 on another port.
      try {
        cdnServer = LoopbackHttpServer.start("cdn", "127.0.0.2", plainCdnPort, new CdnHandler(registry, signer), hooks);
        chosenCdnHost = "127.0.0.2";
      } catch (RuntimeException unavailable) {
        cdnServer = null;
      }
    }
    this.cdnHost = chosenCdnHost;
    this.cdn = cdnServer != null ? cdnServer
        : LoopbackHttpServer.start("cdn", host, plainCdnPort, new CdnHandler(registry, signer), hooks);
    List<AutoCloseable> started = new ArrayList<>(List.of(cdn));
    try {
      // The Xet CAS is another host too (cas-server.xethub.hf.co): it shares the CDN's address, on its own port.
      this.cas = LoopbackHttpServer.start("cas", cdnHost, 0,
          new CasHandler(registry.xet(), signer, this::cdnEndpoint), hooks);
      started.add(cas);
      this.hub = LoopbackHttpServer.start("hub", host, plainHubPort,
          new HubHandler(registry, signer, this::endpoint, this::cdnEndpoint, this::casEndpoint, () -> treePageSize, users),
          hooks);
      started.add(hub);
      if (https) {
        SSLContext context = LoopbackCertificate.get().serverContext();
        this.cdnFront = TlsFront.start(context, cdnHost, cdnPort, cdn.port(),
            LoopbackHttpServer.threadNamePrefix("cdn", cdn.port()));
        started.add(cdnFront);
        this.hubFront = TlsFront.start(context, host, hubPort, hub.port(),
            LoopbackHttpServer.threadNamePrefix("hub", hub.port()));
      } else {
        this.cdnFront = null;
        this.hubFront = null;
      }
    } catch (RuntimeException e) {
      closeAll(started);
      throw e;
    }
  }

  /** Starts a Hub and a CDN on {@code 127.0.0.1}, each on a free port. */
  public static HubServer start() {
    return start("127.0.0.1", 0, 0);
  }

  /**
   * Starts a Hub and a CDN on the given address and ports.
   *
   * @param host the address to bind, also used in {@link #endpoint()} and CDN redirect URLs
   * @param hubPort the Hub's port, 0 for a free one
   * @param cdnPort the CDN's port, 0 for a free one
   */
  public static HubServer start(String host, int hubPort, int cdnPort) {
    return new HubServer(Objects.requireNonNull(host, "host"), hubPort, cdnPort, false);
  }

  /**
   * Starts a Hub and a CDN over HTTPS on {@code 127.0.0.1} (the CDN on {@code 127.0.0.2}), each on
   * a free port. Their certificate is made at start and names {@code 127.0.0.1}, {@code 127.0.0.2},
   * {@code ::1} and {@code localhost}; clients trust it through {@link #caBundle()} or
   * {@link #clientSslContext()}.
   */
  public static HubServer startHttps() {
    return startHttps("127.0.0.1", 0, 0);
  }

  /**
   * Starts a Hub and a CDN over HTTPS on the given address and ports; on an address the
   * certificate does not name (e.g. {@code 127.0.0.3}) clients see a hostname mismatch.
   */
  public static HubServer startHttps(String host, int hubPort, int cdnPort) {
    return new HubServer(Objects.requireNonNull(host, "host"), hubPort, cdnPort, true);
  }

  /** Whether the servers speak HTTPS. */
  public boolean isHttps() {
    return hubFront != null;
  }

  /**
   * A PEM file with the certificate of the HTTPS servers, for {@code REQUESTS_CA_BUNDLE} and
   * friends; the same for every HTTPS server of this JVM.
   */
  public static Path caBundle() {
    return LoopbackCertificate.get().pemFile();
  }

  /** A client TLS context that trusts the HTTPS servers (and nothing else). */
  public static SSLContext clientSslContext() {
    return LoopbackCertificate.get().clientContext();
  }

  /**
   * Starts a server on {@code 127.0.0.1} (free ports) serving the repos found in a folder; see
   * {@link #serveFolder(Path, String, int, int)}.
   */
  public static HubServer serveFolder(Path dir) {
    return serveFolder(dir, "127.0.0.1", 0, 0);
  }

  /**
   * Starts a server serving the repos of a folder laid out as {@code
   * dir/{models|datasets|spaces}/<org>/<name>/<files...>}, each as branch {@code main}. Files over
   * 1 MiB, or with a weights/archive extension ({@code .safetensors .bin .gguf .onnx .pt .h5
   * .msgpack .zip .tar .gz .zst .xz .bz2 .parquet}), are served as LFS files, streamed from disk.
   */
  public static HubServer serveFolder(Path dir, String host, int hubPort, int cdnPort) {
    HubServer server = start(host, hubPort, cdnPort);
    try {
      FolderRepos.load(dir, server);
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** The Hub's base URL, {@code http(s)://host:port}, without a trailing slash. */
  public String endpoint() {
    return scheme() + hostForUrl() + ":" + port();
  }

  /** The CDN's base URL, {@code http(s)://host:port}, without a trailing slash. */
  public String cdnEndpoint() {
    return scheme() + (cdnHost.contains(":") ? "[" + cdnHost + "]" : cdnHost) + ":" + cdnPort();
  }

  /** The Xet CAS's base URL, {@code http://host:port}, without a trailing slash. */
  public String casEndpoint() {
    return "http://" + (cdnHost.contains(":") ? "[" + cdnHost + "]" : cdnHost) + ":" + cas.port();
  }

  /** The Xet CAS of this server: its settings and the hooks that make it lie. */
  public XetCas xet() {
    return new XetCas(registry.xet(), signer, this::cdnEndpoint);
  }

  /** The Hub's port. */
  public int port() {
    return hubFront != null ? hubFront.port() : hub.port();
  }

  /** The CDN's port. */
  public int cdnPort() {
    return cdnFront != null ? cdnFront.port() : cdn.port();
  }

  private String scheme() {
    return isHttps() ? "https://" : "http://";
  }

  private String hostForUrl() {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** The model repo with this id, created empty (one initial commit on {@code main}) if new. */
  public RepoBuilder repo(String id) {
    return repo("model", id);
  }

  /**
   * The repo of this type and id, created if new; the same builder (of {@code main}) on later
   * calls. An old id of a renamed repo gives the renamed repo.
   *
   * @param type {@code model}, {@code dataset} or {@code space}
   */
  public RepoBuilder repo(String type, String id) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    synchronized (builders) {
      Repository repository = registry.getOrCreate(type, id);
      return builders.computeIfAbsent(repository, r -> new RepoBuilder(registry, r));
    }
  }

  /**
   * Renames an existing repo (a model if ids clash across types); requests to the old id then get
   * a 307 with a relative {@code Location} to the same URL under the new id.
   *
   * @throws IllegalArgumentException if no repo has that id
   */
  public RepoBuilder rename(String oldId, String newId) {
    for (String type : List.of("model", "dataset", "space")) {
      if (registry.find(type, oldId).repository() != null) {
        return repo(type, oldId).renamedTo(newId);
      }
    }
    throw new IllegalArgumentException("no repo named " + oldId);
  }

  /**
   * Registers an account: {@code /api/whoami-v2} with {@code Authorization: Bearer <token>} answers
   * its name, organisations and the token's name (role {@code write}), as the Hub does.
   */
  public HubServer user(String token, String name, String tokenName, String... orgs) {
    users.add(Objects.requireNonNull(token, "token"), new Users.User(Objects.requireNonNull(name, "name"),
        Objects.requireNonNull(tokenName, "tokenName"), "write", List.of(orgs)));
    return this;
  }

  /** Every request received by the servers, in arrival order. */
  public List<RecordedRequest> requests() {
    return new ArrayList<>(recorded.values());
  }

  /** The requests received by one server ({@code "hub"}, {@code "cdn"} or {@code "cas"}), in arrival order. */
  public List<RecordedRequest> requests(String server) {
    return recorded.values().stream().filter(r -> r.server().equals(server)).toList();
  }

  /** Forgets the requests recorded so far. */
  public void clearRequests() {
    recorded.clear();
  }

  /** The fault rules, to make the servers misbehave. */
  public Faults faults() {
    return faults;
  }

  /** Sets the tree API's page size (default 1000, as the Hub); returns this server. */
  public HubServer treePageSize(int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("page size must be positive: " + size);
    }
    this.treePageSize = size;
    return this;
  }

  /** Stops both servers, closing open connections; no thread is left behind. */
  @Override
  public void close() {
    List<AutoCloseable> all = new ArrayList<>();
    if (hubFront != null) {
      all.add(hubFront);
      all.add(cdnFront);
    }
    all.add(hub);
    all.add(cas);
    all.add(cdn);
    closeAll(all);
  }

  private static void closeAll(List<AutoCloseable> servers) {
    RuntimeException first = null;
    for (AutoCloseable server : servers) {
      try {
        server.close();
      } catch (Exception e) {
        if (first == null) {
          first = e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return "HubServer[" + endpoint() + ", cdn " + cdnEndpoint() + "]";
  }

  /**
   * Serves a folder of repos until killed: {@code --dir FOLDER [--port P] [--cdn-port Q] [--host
   * H]}. Prints {@code HF_ENDPOINT=<endpoint>} on the first line of standard output.
   */
  public static void main(String[] args) throws InterruptedException {
    Path dir = null;
    String host = "127.0.0.1";
    int port = 0;
    int cdnPort = 0;
    long throttlePerConnection = 0;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        usage(System.out);
        return;
      }
      if (i + 1 >= args.length) {
        usage(System.err);
        System.exit(2);
      }
      String value = args[++i];
      switch (arg) {
        case "--dir" -> dir = Path.of(value);
        case "--port" -> port = Integer.parseInt(value);
        case "--cdn-port" -> cdnPort = Integer.parseInt(value);
        case "--host" -> host = value;
        case "--throttle-per-connection" -> throttlePerConnection = Long.parseLong(value);
        default -> {
          usage(System.err);
          System.exit(2);
        }
      }
    }
    if (dir == null) {
      usage(System.err);
      System.exit(2);
    }
    HubServer server = serveFolder(dir, host, port, cdnPort);
    if (throttlePerConnection > 0) {
      server.faults().on("cdn").throttlePerConnection(throttlePerConnection);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "hubserver-shutdown"));
    System.out.println("HF_ENDPOINT=" + server.endpoint());
    System.out.flush();
    System.err.println("CDN on " + server.cdnEndpoint() + "; serving " + dir.toAbsolutePath() + " (Ctrl-C to stop)");
    stopped.await();
  }

  private static void usage(PrintStream out) {
    out.println("usage: java -cp hfhub-testkit.jar io.hfhub.testkit.HubServer --dir FOLDER"
        + " [--port P] [--cdn-port Q] [--host 127.0.0.1] [--throttle-per-connection BYTES_PER_SECOND]");
    out.println("  FOLDER/{models|datasets|spaces}/<org>/<name>/<files...> are served as branch main");
  }

  /** Records requests and applies fault rules for both servers. */
  private final class Hooks implements ExchangeHooks {
    @Override
    public long arrived(String server, HttpRequest request) {
      return arrivals.incrementAndGet();
    }

    @Override
    public Delivery deliveryFor(String server, HttpRequest request) {
      return faults.deliveryFor(server, request);
    }

    @Override
    public void responded(long ticket, String server, HttpRequest request, int status) {
      recorded.put(ticket, new RecordedRequest(
          server, request.method(), request.rawPath(), request.query(), request.headers(), status));
    }
  }
}
