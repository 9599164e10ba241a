package io.hfhub.testkit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Xet CAS: {@code GET /v1/reconstructions/{file_hash}} (also the older {@code /reconstruction/{file_hash}}),
 * with the Hub-issued read token as {@code Authorization: Bearer} and an optional {@code Range: bytes=a-b} (end
 * inclusive). The answer lists the file's terms (xorb hash, chunk range, unpacked length), starting at the chunk
 * holding byte {@code a} ({@code offset_into_first_range} skips into it), and per xorb the fetch ranges covering
 * them: the terms' chunk ranges merged where they overlap or touch, each with a presigned CDN URL and its
 * inclusive byte range.
 */
public final class CasHandler implements Handler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final XetCasState cas;
  private final UrlSigner signer;
  private final Supplier<String> cdnEndpoint;

  public CasHandler(XetCasState cas, UrlSigner signer, Supplier<String> cdnEndpoint) {
    this.cas = cas;
    this.signer = signer;
    this.cdnEndpoint = cdnEndpoint;
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    if (!request.method().equals("GET")) {
      return HubErrors.error(405, null, "Method not allowed: " + request.method());
    }
    String path = request.rawPath();
    String hash;
    if (path.startsWith("/v1/reconstructions/")) {
      hash = path.substring("/v1/reconstructions/".length());
    } else if (path.startsWith("/reconstruction/")) {
      hash = path.substring("/reconstruction/".length());
    } else {
      return HubErrors.error(404, null, "Not found: " + path);
    }
    String auth = request.header("Authorization");
    if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7) || !cas.validToken(auth.substring(7).trim())) {
      return HubErrors.error(401, null, "Unauthorized: a valid Xet read token is required");
    }
    XetStore.XetFile file = cas.store().byHash(hash);
    if (file == null) {
      return HubErrors.error(404, null, "File not found: " + hash);
    }
    long from = 0;
    long to = file.size() - 1;
    String range = request.header("Range");
    if (range != null) {
      long[] span = ByteRanges.parse(range.trim(), file.size());
      if (span != null && span.length == 0) {
        return HubErrors.error(416, null, "Range not satisfiable");
      }
      if (span != null) {
        from = span[0];
        to = span[1];
      }
    }
    String body = cas.rewrite(reconstruction(file, from, to).toString());
    return HttpResponse.status(200)
        .header("Content-Type", "application/json")
        .body(ResponseBody.text(body));
  }

  private ObjectNode reconstruction(XetStore.XetFile file, long from, long to) {
    List<XetStore.Term> terms = new ArrayList<>();
    long offsetIntoFirst = 0;
    long position = 0;
    for (XetStore.Term term : file.terms()) {
      long termEnd = position + term.length();
      if (termEnd > from && position <= to) {
        XetStore.Term trimmed = trim(term, position, from, to);
        if (terms.isEmpty()) {
          offsetIntoFirst = from - (position + skippedBytes(term, trimmed));
        }
        terms.add(trimmed);
      }
      position = termEnd;
    }
    ObjectNode root = JSON.createObjectNode().put("offset_into_first_range", offsetIntoFirst);
    ArrayNode termsNode = root.putArray("terms");
    for (XetStore.Term t : terms) {
      ObjectNode node = termsNode.addObject().put("hash", t.xorb()).put("unpacked_length", t.length());
      node.putObject("range").put("start", t.start()).put("end", t.end());
    }
    ObjectNode fetch = root.putObject("fetch_info");
    for (Map.Entry<String, List<int[]>> entry : merged(terms).entrySet()) {
      ArrayNode list = fetch.putArray(entry.getKey());
      XetStore.Xorb xorb = cas.store().xorb(entry.getKey());
      for (int[] r : entry.getValue()) {
        long[] bytes = xorb.byteRange(r[0], r[1]);
        ObjectNode f = list.addObject();
        f.putObject("range").put("start", r[0]).put("end", r[1]);
        f.put("url", cdnEndpoint.get() + "/xorbs/" + xorb.hash() + "?" + signer.sign(xorb.hash()));
        f.putObject("url_range").put("start", bytes[0]).put("end", bytes[1]);
      }
    }
    return root;
  }

  /** The term cut to the chunks holding bytes {@code from..to} of the file; the term starts at {@code position}. */
  private XetStore.Term trim(XetStore.Term term, long position, long from, long to) {
    int[] lengths = chunkLengths(term);
    int start = term.start();
    int end = term.end();
    long p = position;
    long length = term.length();
    for (int i = 0; i < lengths.length && p + lengths[i] <= from; i++) {
      p += lengths[i];
      start++;
      length -= lengths[i];
    }
    long q = position + term.length();
    for (int i = lengths.length - 1; i >= 0 && q - lengths[i] > to; i--) {
      q -= lengths[i];
      end--;
      length -= lengths[i];
    }
    return new XetStore.Term(term.xorb(), start, end, length);
  }

  private long skippedBytes(XetStore.Term term, XetStore.Term trimmed) {
    int[] lengths = chunkLengths(term);
    long skipped = 0;
    for (int i = 0; i < trimmed.start() - term.start(); i++) {
      skipped += lengths[i];
    }
    return skipped;
  }

  /** The decoded length of each chunk of the term, from the chunk headers. */
  private int[] chunkLengths(XetStore.Term term) {
    XetStore.Xorb xorb = cas.store().xorb(term.xorb());
    int[] lengths = new int[term.end() - term.start()];
    for (int i = 0; i < lengths.length; i++) {
      int at = (int) xorb.offsets()[term.start() + i];
      byte[] b = xorb.bytes();
      lengths[i] = (b[at + 5] & 0xff) | (b[at + 6] & 0xff) << 8 | (b[at + 7] & 0xff) << 16;
    }
    return lengths;
  }

  /** Per xorb, the terms' chunk ranges merged where they overlap or touch, in order. */
  private static Map<String, List<int[]>> merged(List<XetStore.Term> terms) {
    Map<String, List<int[]>> ranges = new LinkedHashMap<>();
    for (XetStore.Term t : terms) {
      ranges.computeIfAbsent(t.xorb(), k -> new ArrayList<>()).add(new int[] {t.start(), t.end()});
    }
    for (Map.Entry<String, List<int[]>> e : ranges.entrySet()) {
      List<int[]> list = e.getValue();
      list.sort((a, b) -> Integer.compare(a[0], b[0]));
      List<int[]> out = new ArrayList<>();
      for (int[] r : list) {
        int[] last = out.isEmpty() ? null : out.get(out.size() - 1);
        if (last != null && r[0] <= last[1]) {
          last[1] = Math.max(last[1], r[1]);
        } else {
          out.add(new int[] {r[0], r[1]});
        }
      }
      e.setValue(out);
    }
    return ranges;
  }
}
