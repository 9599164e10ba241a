package io.hfhub.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * Describes which requests a fault applies to, then installs it with one of the fault methods
 * ({@link #status}, {@link #cutAfter}, {@link #stallAfter}, {@link #corruptByteAt}, {@link
 * #ignoreRange}, {@link #throttlePerConnection}).
 *
 * <pre>{@code
 * hub.faults().on("cdn").times(2).cutAfter(1_000_000);
 * hub.faults().on("hub").method("HEAD").times(3).status(503);
 * hub.faults().on("hub").status(429).retryAfter(1);
 * }</pre>
 *
 * <p>By default a rule applies to the next matching request only, except {@link
 * #throttlePerConnection}, which applies to all of them unless {@link #times} is given.
 */
public final class FaultBuilder {
  private final Faults faults;
  private final String server;
  private String method;
  private String pathContains;
  private String queryContains;
  private Integer times;

  FaultBuilder(Faults faults, String server) {
    this.faults = faults;
    this.server = server;
  }

  /** Only requests with this method ({@code GET}, {@code HEAD}). */
  public FaultBuilder method(String method) {
    this.method = Objects.requireNonNull(method, "method");
    return this;
  }

  /** Only requests whose path (raw or decoded) contains this text. */
  public FaultBuilder path(String contains) {
    this.pathContains = Objects.requireNonNull(contains, "contains");
    return this;
  }

  /** Only requests whose raw query string contains this text (e.g. {@code "expand="}). */
  public FaultBuilder query(String contains) {
    this.queryContains = Objects.requireNonNull(contains, "contains");
    return this;
  }

  /** Applies to the next {@code n} matching requests. */
  public FaultBuilder times(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("times must be positive: " + n);
    }
    this.times = n;
    return this;
  }

  /** Applies to every matching request, for as long as the server runs. */
  public FaultBuilder always() {
    this.times = -1;
    return this;
  }

  /** Answers with this status and a Hub-style JSON error instead of the real response. */
  public Fault status(int code) {
    if (code < 100 || code > 599) {
      throw new IllegalArgumentException("not an HTTP status: " + code);
    }
    return install(Fault.Kind.STATUS, code, null);
  }

  /** Sends the head and this many body bytes, then closes the connection. */
  public Fault cutAfter(long bodyBytes) {
    return install(Fault.Kind.CUT, requireNonNegative(bodyBytes), null);
  }

  /** Sends the head and this many body bytes, sends nothing for {@code duration}, then closes. */
  public Fault stallAfter(long bodyBytes, Duration duration) {
    Objects.requireNonNull(duration, "duration");
    return install(Fault.Kind.STALL, requireNonNegative(bodyBytes), duration);
  }

  /** Flips (bitwise not) the byte at this absolute offset of the file, if the body covers it. */
  public Fault corruptByteAt(long offset) {
    return install(Fault.Kind.CORRUPT, requireNonNegative(offset), null);
  }

  /** Answers a Range request with 200 and the whole body. */
  public Fault ignoreRange() {
    return install(Fault.Kind.IGNORE_RANGE, 0, null);
  }

  /**
   * Caps each response body, hence each connection, at this rate (paced writes, accurate to a few
   * percent). Parallel connections each get the full rate. Applies to every matching request
   * unless {@link #times} was given.
   */
  public Fault throttlePerConnection(long bytesPerSecond) {
    if (bytesPerSecond <= 0) {
      throw new IllegalArgumentException("rate must be positive: " + bytesPerSecond);
    }
    if (times == null) {
      times = -1;
    }
    return install(Fault.Kind.THROTTLE, bytesPerSecond, null);
  }

  /**
   * A lying header: sets (replaces) {@code name} on the real response, or removes it when {@code value}
   * is null. With {@link #body} and {@link #servePathOf}, the hostile-server modes: a server or mirror that
   * answers with a commit of {@code "."}, an ETag that is a path, a tree listing whose {@code oid} is
   * {@code /etc/x}. Lies stack with the other faults of a request.
   */
  public Fault header(String name, String value) {
    Objects.requireNonNull(name, "name");
    return install(Fault.Kind.HEADER, 0, null, name, value);
  }

  /** A lying body: the real response's status and headers with this text as the body (UTF-8). */
  public Fault body(String text) {
    Objects.requireNonNull(text, "text");
    return install(Fault.Kind.BODY, 0, null, text, null);
  }

  /**
   * Answers as if the request's raw path had {@code to} instead of {@code from} (a proxy that answers any
   * revision, say): the client sees the answer to a URL it did not ask for.
   */
  public Fault servePathOf(String from, String to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return install(Fault.Kind.REWRITE_PATH, 0, null, from, to);
  }

  private Fault install(Fault.Kind kind, long amount, Duration duration, String text, String otherText) {
    Fault fault = new Fault(kind, server, method, pathContains, queryContains, times == null ? 1 : times, amount,
        duration, text, otherText);
    faults.add(fault);
    return fault;
  }

  private Fault install(Fault.Kind kind, long amount, Duration duration) {
    Fault fault = new Fault(kind, server, method, pathContains, queryContains, times == null ? 1 : times, amount,
        duration, null, null);
    faults.add(fault);
    return fault;
  }

  private static long requireNonNegative(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("must not be negative: " + value);
    }
    return value;
  }
}
