package io.hfhub.testkit.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads HTTP/1.1 request heads (and discards request bodies) from a connection's input. */
final class RequestParser {
  private static final int MAX_LINE = 16 * 1024;
  private static final int MAX_HEADERS = 200;

  /** A request that cannot be parsed; the connection is answered 400 and closed. */
  static final class MalformedRequest extends IOException {
    MalformedRequest(String message) {
      super(message);
    }
  }

  private RequestParser() {}

  /** Reads the next request, or returns null on a clean end of stream between requests. */
  static HttpRequest read(InputStream in) throws IOException {
    String requestLine = readLine(in, true);
    while (requestLine != null && requestLine.isEmpty()) {
      requestLine = readLine(in, true); // tolerate stray CRLF between requests (RFC 9112 2.2)
    }
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      throw new MalformedRequest("bad request line: " + requestLine);
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; ; i++) {
      String line = readLine(in, false);
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || i >= MAX_HEADERS) {
        throw new MalformedRequest("bad header line: " + line);
      }
      headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>())
          .add(line.substring(colon + 1).trim());
    }
    String target = stripAuthority(parts[1]);
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? null : target.substring(q + 1);
    HttpRequest request = new HttpRequest(parts[0], path, query, parts[2], headers);
    discardBody(in, request);
    return request;
  }

  /** Turns an absolute-form target ({@code http://host/path}) into origin form. */
  private static String stripAuthority(String target) {
    if (target.startsWith("http://") || target.startsWith("https://")) {
      int slash = target.indexOf('/', target.indexOf("//") + 2);
      return slash < 0 ? "/" : target.substring(slash);
    }
    return target;
  }

  private static void discardBody(InputStream in, HttpRequest request) throws IOException {
    if (request.header("Transfer-Encoding") != null) {
      throw new MalformedRequest("chunked request bodies are not supported");
    }
    String length = request.header("Content-Length");
    if (length == null) {
      return;
    }
    long remaining;
    try {
      remaining = Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      throw new MalformedRequest("bad Content-Length: " + length);
    }
    while (remaining > 0) {
      long skipped = in.skip(remaining);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new MalformedRequest("request body ended early");
        }
        skipped = 1;
      }
      remaining -= skipped;
    }
  }

  private static String readLine(InputStream in, boolean eofAllowed) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (eofAllowed && line.size() == 0) {
          return null;
        }
        throw new MalformedRequest("connection closed inside a request head");
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
      }
      if (line.size() >= MAX_LINE) {
        throw new MalformedRequest("line too long");
      }
      line.write(b);
    }
  }
}
