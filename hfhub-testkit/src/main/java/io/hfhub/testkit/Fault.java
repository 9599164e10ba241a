package io.hfhub.testkit;

import io.hfhub.testkit.internal.Delivery;
import io.hfhub.testkit.internal.HttpResponse;
import io.hfhub.testkit.internal.HubErrors;
import io.hfhub.testkit.internal.ResponseBody;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One installed fault rule, returned by {@link FaultBuilder}. It applies to the next {@code N}
 * matching requests (or to all of them), then is spent. The methods here refine a {@link
 * FaultBuilder#status(int)} rule (headers of the error) and report how often the rule fired.
 */
public final class Fault {
  enum Kind { STATUS, CUT, STALL, CORRUPT, IGNORE_RANGE, THROTTLE, HEADER, BODY, REWRITE_PATH }

  private final Kind kind;
  private final String server;
  private final String method;
  private final String pathContains;
  private final String queryContains;
  private final long amount;
  private final Duration duration;
  private final String text;
  private final String otherText;
  private int remaining;
  private int hits;
  private volatile Long retryAfterSeconds;
  private volatile String errorCode;
  private volatile String errorMessage;
  private final Map<String, String> extraHeaders = new ConcurrentHashMap<>();

  Fault(Kind kind, String server, String method, String pathContains, String queryContains, int times, long amount,
      Duration duration, String text, String otherText) {
    this.text = text;
    this.otherText = otherText;
    this.queryContains = queryContains;
    this.kind = kind;
    this.server = server;
    this.method = method;
    this.pathContains = pathContains;
    this.remaining = times;
    this.amount = amount;
    this.duration = duration;
  }

  /** Adds {@code Retry-After: <seconds>} to the error response of a {@code status} rule. */
  public Fault retryAfter(long seconds) {
    this.retryAfterSeconds = seconds;
    return this;
  }

  /** Adds {@code X-Error-Code: <code>} to the error response of a {@code status} rule. */
  public Fault errorCode(String code) {
    this.errorCode = code;
    return this;
  }

  /** Sets the error message ({@code X-Error-Message} and the JSON body) of a {@code status} rule. */
  public Fault errorMessage(String message) {
    this.errorMessage = message;
    return this;
  }

  /**
   * Adds a header to the response of a {@code status} rule: with {@code status(302)} and {@code
   * Location}, a redirect anywhere (to itself for a loop, to {@code file:} for a refused scheme).
   */
  public Fault header(String name, String value) {
    extraHeaders.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** How many requests this rule has applied to so far. */
  public synchronized int hits() {
    return hits;
  }

  /** Whether this rule will apply to no further request. */
  public synchronized boolean isSpent() {
    return remaining == 0;
  }

  boolean isThrottle() {
    return kind == Kind.THROTTLE;
  }

  /** A lie (a header, a body, another URL answered) stacks with the one fault and the throttle of a request. */
  boolean isLie() {
    return kind == Kind.HEADER || kind == Kind.BODY || kind == Kind.REWRITE_PATH;
  }

  /** Whether the rule matches a request; consumes one use if it does. Caller holds the Faults lock. */
  synchronized boolean take(String requestServer, String requestMethod, String rawPath, String decodedPath,
      String query) {
    if (remaining == 0
        || (!server.equals("any") && !server.equals(requestServer))
        || (method != null && !method.equalsIgnoreCase(requestMethod))
        || (pathContains != null && !rawPath.contains(pathContains) && !decodedPath.contains(pathContains))
        || (queryContains != null && (query == null || !query.contains(queryContains)))) {
      return false;
    }
    if (remaining > 0) {
      remaining--;
    }
    hits++;
    return true;
  }

  /** Shapes the delivery of a matched request. */
  void applyTo(Delivery delivery) {
    switch (kind) {
      case STATUS -> delivery.replaceWith(errorResponse());
      case CUT -> delivery.cutAfter(amount);
      case STALL -> delivery.stallAfter(amount, duration);
      case CORRUPT -> delivery.corruptAt(amount);
      case IGNORE_RANGE -> delivery.ignoreRange();
      case THROTTLE -> delivery.throttle(amount);
      case HEADER -> delivery.edit(r -> otherText == null ? r.removeHeader(text) : r.removeHeader(text).header(text, otherText));
      case BODY -> delivery.edit(r -> r.body(ResponseBody.text(text)));
      case REWRITE_PATH -> delivery.editRequest(r -> r.withRawPath(r.rawPath().replace(text, otherText)));
    }
  }

  private HttpResponse errorResponse() {
    int status = (int) amount;
    String message = errorMessage != null ? errorMessage
        : "Injected fault: " + status + " " + HttpResponse.reason(status);
    HttpResponse response = HubErrors.error(status, errorCode, message);
    if (retryAfterSeconds != null) {
      response.header("Retry-After", Long.toString(retryAfterSeconds));
    }
    extraHeaders.forEach(response::header);
    return response;
  }

  @Override
  public synchronized String toString() {
    String times = remaining < 0 ? "always" : remaining + " more";
    return String.format(Locale.ROOT, "Fault[%s %s on %s%s%s, %s, %d hits]", kind, amount, server,
        method == null ? "" : " " + method, pathContains == null ? "" : " *" + pathContains + "*", times, hits);
  }
}
