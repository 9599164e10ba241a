package io.hfhub.testkit.internal;

/**
 * Honest single-range handling ({@code bytes=a-}, {@code bytes=a-b}, {@code bytes=-n}): 206 with
 * {@code Content-Range}, or 416 with {@code Content-Range: bytes *}{@code /total}. Multiple ranges
 * and malformed values are ignored, as RFC 9110 allows, and answered with the full body.
 */
public final class ByteRanges {
  private ByteRanges() {}

  /**
   * Answers a request for a resource, honouring its Range header.
   *
   * @param request the request
   * @param full the whole resource
   * @param base a 200 response carrying the resource's headers (ETag and so on); its status and
   *     body are replaced as needed
   */
  public static HttpResponse serve(HttpRequest request, ResponseBody full, HttpResponse base) {
    long total = full.length();
    base.header("Accept-Ranges", "bytes");
    String range = request.header("Range");
    long[] span = range == null ? null : parse(range.trim(), total);
    if (span == null) {
      return copy(base, 200).body(full);
    }
    if (span.length == 0) {
      HttpResponse response = copy(base, 416).header("Content-Range", "bytes */" + total);
      response.headers().remove("ETag");
      return response.body(ResponseBody.EMPTY);
    }
    long first = span[0];
    long last = span[1];
    return copy(base, 206)
        .header("Content-Range", "bytes " + first + "-" + last + "/" + total)
        .body(full.region(full.start() + first, last - first + 1));
  }

  private static HttpResponse copy(HttpResponse base, int status) {
    HttpResponse response = HttpResponse.status(status);
    base.headers().forEach(response::header);
    return response;
  }

  /**
   * Parses a single byte range against a total size.
   *
   * @return null to ignore the header, an empty array if unsatisfiable, else {first, last}
   */
  static long[] parse(String header, long total) {
    if (!header.startsWith("bytes=") || header.indexOf(',') >= 0) {
      return null;
    }
    String spec = header.substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    try {
      String a = spec.substring(0, dash).trim();
      String b = spec.substring(dash + 1).trim();
      if (a.isEmpty()) {
        long suffix = Long.parseLong(b);
        if (suffix <= 0 || total == 0) {
          return new long[0];
        }
        return new long[] {Math.max(0, total - suffix), total - 1};
      }
      long first = Long.parseLong(a);
      long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
      if (first < 0 || last < first) {
        return null;
      }
      if (first >= total) {
        return new long[0];
      }
      return new long[] {first, Math.min(last, total - 1)};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
