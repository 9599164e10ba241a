package io.hfhub.testkit;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving each test a fresh {@link HubServer}, closed after the test.
 *
 * <pre>{@code
 * @RegisterExtension final HubServerExtension hub = new HubServerExtension();
 *
 * @Test void downloads(HubServer server) {            // injected, or use hub.server()
 *   hub.repo("org/name").file("config.json", "{}");
 *   ...
 * }
 * }</pre>
 *
 * <p>Works as a static or instance field. The convenience methods delegate to the current test's
 * server. Tests of one class must not run concurrently with one extension instance.
 */
public final class HubServerExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
  private volatile HubServer server;

  /** Creates the extension; servers are started per test. */
  public HubServerExtension() {}

  @Override
  public void beforeEach(ExtensionContext context) {
    server = HubServer.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    HubServer current = server;
    server = null;
    if (current != null) {
      current.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == HubServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server();
  }

  /**
   * The current test's server.
   *
   * @throws IllegalStateException outside a test
   */
  public HubServer server() {
    HubServer current = server;
    if (current == null) {
      throw new IllegalStateException("no HubServer outside a test (is the extension registered?)");
    }
    return current;
  }

  /** See {@link HubServer#endpoint()}. */
  public String endpoint() {
    return server().endpoint();
  }

  /** See {@link HubServer#cdnEndpoint()}. */
  public String cdnEndpoint() {
    return server().cdnEndpoint();
  }

  /** See {@link HubServer#repo(String)}. */
  public RepoBuilder repo(String id) {
    return server().repo(id);
  }

  /** See {@link HubServer#repo(String, String)}. */
  public RepoBuilder repo(String type, String id) {
    return server().repo(type, id);
  }

  /** See {@link HubServer#requests()}. */
  public List<RecordedRequest> requests() {
    return server().requests();
  }

  /** See {@link HubServer#requests(String)}. */
  public List<RecordedRequest> requests(String server) {
    return server().requests(server);
  }

  /** See {@link HubServer#clearRequests()}. */
  public void clearRequests() {
    server().clearRequests();
  }

  /** See {@link HubServer#faults()}. */
  public Faults faults() {
    return server().faults();
  }

  /** See {@link HubServer#rename(String, String)}. */
  public RepoBuilder rename(String oldId, String newId) {
    return server().rename(oldId, newId);
  }

  /** See {@link HubServer#treePageSize(int)}. */
  public HubServer treePageSize(int size) {
    return server().treePageSize(size);
  }
}
