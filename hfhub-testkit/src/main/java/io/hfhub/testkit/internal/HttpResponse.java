package io.hfhub.testkit.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response to write: status, headers in insertion order and a body. {@code Content-Length} and
 * {@code Connection} are added by the server when it writes the head.
 */
public final class HttpResponse {
  private final int status;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private ResponseBody body = ResponseBody.EMPTY;

  private HttpResponse(int status) {
    this.status = status;
  }

  /** A response with the given status and no body yet. */
  public static HttpResponse status(int status) {
    return new HttpResponse(status);
  }

  /** Sets (replaces) a header. */
  public HttpResponse header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /** Removes a header. */
  public HttpResponse removeHeader(String name) {
    headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
    return this;
  }

  /** Sets the body. */
  public HttpResponse body(ResponseBody body) {
    this.body = body;
    return this;
  }

  /** The status code. */
  public int status() {
    return status;
  }

  /** The value of a header set on this response, or null. */
  public String header(String name) {
    return headers.get(name);
  }

  /** The headers, in insertion order. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The body. */
  public ResponseBody body() {
    return body;
  }

  /** The standard reason phrase for the status codes the emulator uses. */
  public static String reason(int status) {
    switch (status) {
      case 200: return "OK";
      case 206: return "Partial Content";
      case 302: return "Found";
      case 307: return "Temporary Redirect";
      case 400: return "Bad Request";
      case 401: return "Unauthorized";
      case 403: return "Forbidden";
      case 404: return "Not Found";
      case 405: return "Method Not Allowed";
      case 408: return "Request Timeout";
      case 416: return "Range Not Satisfiable";
      case 429: return "Too Many Requests";
      case 500: return "Internal Server Error";
      case 502: return "Bad Gateway";
      case 503: return "Service Unavailable";
      case 504: return "Gateway Timeout";
      default: return "Status " + status;
    }
  }
}
