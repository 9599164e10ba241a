package io.hfhub.testkit.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The accounts the emulated Hub knows, by access token, for {@code /api/whoami-v2}. */
public final class Users {
  /** One account and the token that names it. */
  public record User(String name, String tokenName, String role, List<String> orgs) {}

  private final Map<String, User> byToken = new ConcurrentHashMap<>();

  /** Registers (or replaces) the account a token belongs to. */
  public void add(String token, User user) {
    byToken.put(token, user);
  }

  /** The account of a token, or null. */
  public User find(String token) {
    return token == null ? null : byToken.get(token);
  }
}
