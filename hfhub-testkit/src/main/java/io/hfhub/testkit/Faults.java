package io.hfhub.testkit;

import io.hfhub.testkit.internal.Delivery;
import io.hfhub.testkit.internal.HttpRequest;
import io.hfhub.testkit.internal.PercentCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault rules of a {@link HubServer}. Rules are matched in the order they were added; a request
 * gets at most one fault from the first matching unspent rule, plus at most one throttle (so a
 * standing throttle does not hide later one-shot faults), plus every matching lie (a header, a body
 * or another URL answered: a hostile server lies in several ways at once).
 */
public final class Faults {
  private final List<Fault> rules = new ArrayList<>();
  private final Runnable expireCdnUrls;

  Faults(Runnable expireCdnUrls) {
    this.expireCdnUrls = expireCdnUrls;
  }

  /** Starts a rule for one server: {@code "hub"}, {@code "cdn"}, {@code "cas"} (Xet) or {@code "any"}. */
  public FaultBuilder on(String server) {
    if (!server.equals("hub") && !server.equals("cdn") && !server.equals("cas") && !server.equals("any")) {
      throw new IllegalArgumentException("server must be hub, cdn, cas or any: " + server);
    }
    return new FaultBuilder(this, server);
  }

  /** Starts a rule for both servers. */
  public FaultBuilder any() {
    return on("any");
  }

  /**
   * Invalidates every CDN URL signed so far: the CDN answers 403 to them, as to an expired
   * presigned URL, and a client must resolve the file on the Hub again.
   */
  public Faults expireCdnUrls() {
    expireCdnUrls.run();
    return this;
  }

  /** Removes every rule. */
  public synchronized void clear() {
    rules.clear();
  }

  /** The installed rules, spent ones included, in order. */
  public synchronized List<Fault> rules() {
    return List.copyOf(rules);
  }

  synchronized void add(Fault fault) {
    rules.add(fault);
  }

  /** Chooses (and consumes) the rules that apply to a request. */
  synchronized Delivery deliveryFor(String server, HttpRequest request) {
    Delivery delivery = Delivery.normal();
    if (rules.isEmpty()) {
      return delivery;
    }
    String decoded;
    try {
      decoded = PercentCodec.decode(request.rawPath());
    } catch (IllegalArgumentException e) {
      decoded = request.rawPath();
    }
    boolean faulted = false;
    boolean throttled = false;
    for (Fault rule : rules) {
      boolean wanted = rule.isLie() || (rule.isThrottle() ? !throttled : !faulted);
      if (wanted && rule.take(server, request.method(), request.rawPath(), decoded, request.query())) {
        rule.applyTo(delivery);
        throttled |= rule.isThrottle();
        faulted |= !rule.isThrottle() && !rule.isLie();
      }
    }
    return delivery;
  }
}
