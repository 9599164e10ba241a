package io.hfhub.xet;

import io.hfhub.XetProtocolException;
import io.hfhub.json.Json;
import io.hfhub.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a reconstruction and refuses one that lies: every field is untrusted. The checks, each a way a broken or
 * hostile CAS could make the client write wrong bytes or spend unbounded memory:
 * <ul>
 *   <li>xorb hashes are 64 lowercase hex; chunk ranges are non-empty and end-exclusive; fetch ranges of one xorb
 *       agree on where its chunks lie (overlapping chunks, overlapping bytes); every term is covered by a fetch
 *       range of its xorb (none missing);</li>
 *   <li>a term's unpacked length fits its chunk count (at most {@link ChunkCodec#MAX_CHUNK} each), and a fetch
 *       range's byte length fits its chunk count and the 64 MiB xorb limit;</li>
 *   <li>the terms add up to exactly the bytes asked for, less the offset into the first term;</li>
 *   <li>URLs are {@code http} or {@code https}: never {@code file:}, {@code ftp:} or anything else.</li>
 * </ul>
 */
final class ReconstructionParser {
    /** The xorb format caps a serialized xorb at 64 MiB; a fetch range is part of one. */
    static final long MAX_FETCH_BYTES = 64L << 20;
    /** A reconstruction's JSON; about 250 bytes a term, so this allows files far beyond any on the Hub. */
    static final int MAX_JSON_BYTES = 256 << 20;

    private ReconstructionParser() {}

    /**
     * Parses and checks a reconstruction of {@code expectedBytes} bytes (the bytes from the requested start to the
     * end of the file).
     */
    static Reconstruction parse(InputStream body, long expectedBytes, String what) throws IOException {
        JsonValue root;
        try {
            root = Json.parse(new LimitedInputStream(body, MAX_JSON_BYTES, what));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw lie(what, "is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw lie(what, "is not a JSON object");
        }
        long offset = nonNegative(root.get("offset_into_first_range"), "offset_into_first_range", what);
        Map<String, List<Reconstruction.FetchRange>> fetch = fetchInfo(root.get("fetch_info"), what);
        List<Reconstruction.Term> terms = terms(root.get("terms"), fetch, what);
        checkTotal(terms, offset, expectedBytes, what);
        return new Reconstruction(offset, terms);
    }

    private static List<Reconstruction.Term> terms(JsonValue node, Map<String, List<Reconstruction.FetchRange>> fetch,
            String what) {
        if (node == null || !node.isArray()) {
            throw lie(what, "has no terms");
        }
        List<Reconstruction.Term> terms = new ArrayList<>(node.size());
        for (JsonValue t : node) {
            String xorb = hash(t.get("hash"), what);
            int[] range = chunkRange(t.get("range"), "term of xorb " + xorb, what);
            long unpacked = nonNegative(t.get("unpacked_length"), "unpacked_length", what);
            if (unpacked == 0 || unpacked > (long) (range[1] - range[0]) * ChunkCodec.MAX_CHUNK) {
                throw lie(what, "gives a term of xorb " + xorb + " an impossible length (" + unpacked + " bytes in "
                        + (range[1] - range[0]) + " chunks)");
            }
            Reconstruction.FetchRange covering = fetch.getOrDefault(xorb, List.of()).stream()
                    .filter(f -> f.covers(range[0], range[1])).findFirst()
                    .orElseThrow(() -> lie(what, "has no fetch range for chunks [" + range[0] + ", " + range[1]
                            + ") of xorb " + xorb));
            terms.add(new Reconstruction.Term(xorb, range[0], range[1], unpacked, covering));
        }
        return terms;
    }

    private static Map<String, List<Reconstruction.FetchRange>> fetchInfo(JsonValue node, String what) {
        if (node == null || !node.isObject()) {
            throw lie(what, "has no fetch_info");
        }
        Map<String, List<Reconstruction.FetchRange>> all = new HashMap<>();
        for (Map.Entry<String, JsonValue> entry : node.properties()) {
            String xorb = hash(entry.getValue() == null ? null : JsonValue.text(entry.getKey()), what);
            if (!entry.getValue().isArray()) {
                throw lie(what, "has fetch_info for xorb " + xorb + " that is not a list");
            }
            List<Reconstruction.FetchRange> ranges = new ArrayList<>();
            for (JsonValue f : entry.getValue()) {
                ranges.add(fetchRange(xorb, f, what));
            }
            requireDisjoint(xorb, ranges, what);
            all.put(xorb, ranges);
        }
        return all;
    }

    private static Reconstruction.FetchRange fetchRange(String xorb, JsonValue f, String what) {
        int[] chunks = chunkRange(f.get("range"), "fetch range of xorb " + xorb, what);
        JsonValue urlRange = f.get("url_range");
        if (urlRange == null || !urlRange.isObject()) {
            throw lie(what, "has a fetch range of xorb " + xorb + " without url_range");
        }
        long start = nonNegative(urlRange.get("start"), "url_range.start", what);
        long end = nonNegative(urlRange.get("end"), "url_range.end", what);
        long length = end - start + 1;
        int count = chunks[1] - chunks[0];
        if (end < start || length > MAX_FETCH_BYTES || length < (long) count * ChunkCodec.HEADER_SIZE) {
            throw lie(what, "gives chunks [" + chunks[0] + ", " + chunks[1] + ") of xorb " + xorb
                    + " an impossible byte range (" + start + "-" + end + ")");
        }
        return new Reconstruction.FetchRange(xorb, chunks[0], chunks[1], url(f.get("url"), xorb, what), start, end);
    }

    /**
     * Fetch ranges of one xorb must agree on where its chunks lie: chunk ranges that do not overlap have byte
     * ranges that do not overlap either, in the same order, and chunk ranges that overlap have overlapping byte
     * ranges starting in the same order. A CAS that says two different runs of chunks are the same bytes lies.
     */
    private static void requireDisjoint(String xorb, List<Reconstruction.FetchRange> ranges, String what) {
        List<Reconstruction.FetchRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingInt(Reconstruction.FetchRange::start)
                .thenComparingInt(Reconstruction.FetchRange::end));
        for (int i = 1; i < sorted.size(); i++) {
            Reconstruction.FetchRange a = sorted.get(i - 1);
            Reconstruction.FetchRange b = sorted.get(i);
            boolean chunksOverlap = b.start() < a.end();
            boolean bytesOverlap = b.urlStart() <= a.urlEnd() && a.urlStart() <= b.urlEnd();
            boolean sameStart = a.start() == b.start();
            if (chunksOverlap != bytesOverlap || (sameStart != (a.urlStart() == b.urlStart()))
                    || (!sameStart && b.urlStart() <= a.urlStart())) {
                throw lie(what, "has overlapping fetch ranges of xorb " + xorb + " that disagree on its bytes");
            }
        }
    }

    private static void checkTotal(List<Reconstruction.Term> terms, long offset, long expected, String what) {
        long total = 0;
        for (Reconstruction.Term t : terms) {
            total += t.unpackedLength();
        }
        if (!terms.isEmpty() && offset >= terms.get(0).unpackedLength()) {
            throw lie(what, "starts " + offset + " bytes into a first term of " + terms.get(0).unpackedLength());
        }
        if (total - offset != expected) {
            throw lie(what, "adds up to " + (total - offset) + " bytes where " + expected + " were asked for");
        }
    }

    private static String url(JsonValue node, String xorb, String what) {
        if (node == null || !node.isTextual()) {
            throw lie(what, "has a fetch range of xorb " + xorb + " without a URL");
        }
        URI uri;
        try {
            uri = new URI(node.asText());
        } catch (java.net.URISyntaxException e) {
            throw lie(what, "has an unusable fetch URL for xorb " + xorb);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
            throw lie(what, "has a fetch URL of another scheme than http(s) for xorb " + xorb);
        }
        if (uri.getHost() == null) {
            throw lie(what, "has a fetch URL without a host for xorb " + xorb);
        }
        return node.asText();
    }

    private static int[] chunkRange(JsonValue node, String of, String what) {
        if (node == null || !node.isObject()) {
            throw lie(what, "has a " + of + " without a chunk range");
        }
        long start = nonNegative(node.get("start"), "range.start", what);
        long end = nonNegative(node.get("end"), "range.end", what);
        if (end <= start || end > Integer.MAX_VALUE) {
            throw lie(what, "has an empty or impossible chunk range [" + start + ", " + end + ") in a " + of);
        }
        return new int[] {(int) start, (int) end};
    }

    private static String hash(JsonValue node, String what) {
        if (node == null || !node.isTextual() || !XetHash.isValid(node.asText())) {
            throw lie(what, "names a xorb by an unusable hash");
        }
        return node.asText();
    }

    private static long nonNegative(JsonValue node, String field, String what) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            throw lie(what, "has a missing or negative '" + field + "'");
        }
        return node.asLong();
    }

    private static XetProtocolException lie(String what, String problem) {
        return new XetProtocolException("the Xet reconstruction of " + what + " " + problem
                + "; nothing was written to the cache (set HF_HUB_DISABLE_XET=1 to download it by plain HTTP)");
    }
}
