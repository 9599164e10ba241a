package io.hfhub.testkit;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A request one of the servers received, and the status it answered.
 *
 * @param server {@code "hub"} or {@code "cdn"}
 * @param method the method, e.g. {@code GET}
 * @param rawPath the path exactly as received, still percent-encoded
 * @param query the raw query string without {@code ?}, or null if there was none
 * @param headers the request headers; lookups in this map ignore case
 * @param status the status of the response sent (or of the fault that replaced it)
 */
public record RecordedRequest(
    String server, String method, String rawPath, String query, Map<String, List<String>> headers, int status) {

  /** Copies the headers into an unmodifiable case-insensitive map. */
  public RecordedRequest {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = Collections.unmodifiableMap(copy);
  }

  /** The first value of a header (name compared ignoring case), or null if absent. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The {@code Range} header, or null. */
  public String range() {
    return header("Range");
  }

  /** The path and query as sent: {@code rawPath} plus {@code ?query} if there was one. */
  public String target() {
    return query == null ? rawPath : rawPath + "?" + query;
  }

  @Override
  public String toString() {
    return server + " " + method + " " + target() + " -> " + status;
  }
}
