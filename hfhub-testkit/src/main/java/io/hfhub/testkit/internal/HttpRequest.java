package io.hfhub.testkit.internal;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A parsed HTTP/1.1 request head. The path is kept exactly as received (still percent-encoded),
 * because the Hub's URL encoding rules are part of what tests check.
 *
 * @param method the request method, upper case as sent
 * @param rawPath the path part of the request target, still percent-encoded
 * @param query the raw query string without {@code ?}, or null when there is none
 * @param version the protocol version, e.g. {@code HTTP/1.1}
 * @param headers the headers, case-insensitive keys, values in arrival order
 */
public record HttpRequest(
    String method, String rawPath, String query, String version, Map<String, List<String>> headers) {

  /** Wraps the headers in an unmodifiable case-insensitive map. */
  public HttpRequest {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    headers = Collections.unmodifiableMap(copy);
  }

  /** Returns the first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** Whether the client allows the connection to be reused after this exchange. */
  public boolean keepAlive() {
    String connection = header("Connection");
    if ("HTTP/1.0".equals(version)) {
      return connection != null && connection.equalsIgnoreCase("keep-alive");
    }
    return connection == null || !connection.equalsIgnoreCase("close");
  }

  /** The same request without the named header (used to make a server ignore a Range). */
  public HttpRequest withoutHeader(String name) {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    copy.remove(name);
    return new HttpRequest(method, rawPath, query, version, copy);
  }

  /** The same request with another raw path (a fault rule that makes the server answer another URL). */
  public HttpRequest withRawPath(String newRawPath) {
    return new HttpRequest(method, newRawPath, query, version, headers);
  }

  /** Whether this is a HEAD request, which gets a head but never a body. */
  public boolean isHead() {
    return "HEAD".equals(method);
  }
}
