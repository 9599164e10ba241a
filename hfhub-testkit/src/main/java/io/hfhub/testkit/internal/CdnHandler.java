package io.hfhub.testkit.internal;

import java.util.List;
import java.util.Map;

/**
 * The CDN server: {@code GET|HEAD /blobs/{sha256}?expires=..&sig=..}, like a presigned S3 or
 * CloudFront URL, and {@code GET /xorbs/{hash}?expires=..&sig=..} for Xet xorbs, which must be
 * fetched with a {@code Range} (the Xet transfer service grants byte ranges only). It refuses any
 * request carrying {@code Authorization} (a client must never send its Hub token to another host),
 * any URL with a bad or expired signature, and a plain download of a Xet-backed file above the
 * plain-HTTP limit (the Hub serves files over 50 GB through Xet only).
 */
public final class CdnHandler implements Handler {
  private final RepoRegistry registry;
  private final UrlSigner signer;

  /** Creates the handler. */
  public CdnHandler(RepoRegistry registry, UrlSigner signer) {
    this.registry = registry;
    this.signer = signer;
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      return HubErrors.error(405, null, "Method not allowed: " + request.method());
    }
    List<String> segs = List.of(request.rawPath().split("/", -1));
    if (segs.size() != 3 || !(segs.get(1).equals("blobs") || segs.get(1).equals("xorbs"))) {
      return HubErrors.error(404, null, "Not found: " + request.rawPath());
    }
    if (request.header("Authorization") != null) {
      return HubErrors.error(400, null,
          "Only one auth mechanism allowed; presigned URLs must be fetched without an Authorization header");
    }
    String sha256 = segs.get(2);
    Map<String, String> params = PercentCodec.parseQuery(request.query());
    if (!signer.verify(sha256, params.get("expires"), params.get("sig"))) {
      return HubErrors.error(403, null, "Access denied: the signature is missing, invalid or expired");
    }
    if (segs.get(1).equals("xorbs")) {
      return xorb(request, sha256);
    }
    if (registry.xet().store().bySha256(sha256) != null && request.header("Range") == null
        && registry.blob(sha256) != null && registry.blob(sha256).size() > registry.xet().plainHttpLimit()) {
      return HubErrors.error(400, null, "File too large for plain HTTP: download it through Xet");
    }
    LfsBlob blob = registry.blob(sha256);
    if (blob == null) {
      return HubErrors.error(404, null, "No such blob: " + sha256);
    }
    HttpResponse base = HttpResponse.status(200)
        .header("Content-Type", "application/octet-stream")
        .header("ETag", "\"" + sha256 + "\"");
    return ByteRanges.serve(request, blob.body(), base);
  }

  private HttpResponse xorb(HttpRequest request, String hash) {
    XetStore.Xorb xorb = registry.xet().store().xorb(hash);
    if (xorb == null) {
      return HubErrors.error(404, null, "No such xorb: " + hash);
    }
    if (request.header("Range") == null) {
      return HubErrors.error(400, null, "A Range header is required to fetch xorb data");
    }
    HttpResponse base = HttpResponse.status(200).header("Content-Type", "application/octet-stream");
    return ByteRanges.serve(request, ResponseBody.of(xorb.bytes()), base);
  }
}
