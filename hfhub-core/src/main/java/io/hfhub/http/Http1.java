package io.hfhub.http;

import java.io.IOException;
import java.net.ProtocolException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * HTTP/1.1 as {@link SocketTransport} speaks it, in pure functions: the request head it writes and the response
 * head it accepts. Everything a server sends is untrusted, so the reading side is strict: a status line
 * {@code HTTP/1.x NNN}, {@code name: value} lines with token names, no folded lines, one agreed length.
 */
final class Http1 {
    /** The most bytes of response heads (interim ones included) read before giving up. */
    static final int MAX_HEAD = 64 * 1024;
    /** The most interim (1xx) heads skipped before the final one. */
    static final int MAX_INTERIM = 8;

    /** What the JDK never lets a caller set either: the transport owns the framing and the connection. */
    private static final Set<String> TRANSPORT_HEADERS = Set.of("host", "connection", "content-length",
            "transfer-encoding", "keep-alive", "upgrade", "te", "trailer", "expect");

    private Http1() {}

    /**
     * A response head: the status code, whether the status line said HTTP/1.1 (not 1.0), and the headers by
     * case-insensitive name, values in arrival order.
     */
    record Head(int code, boolean http11, Map<String, List<String>> headers) {
        /** The last value of {@code name}, or null (the JDK's {@code HttpURLConnection} answers the same). */
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(values.size() - 1);
        }

        boolean interim() {
            return code >= 100 && code < 200;
        }

        /** Whether the server lets the connection carry another request: HTTP/1.1 without {@code Connection: close}. */
        boolean keepsAlive() {
            if (!http11) {
                return false;
            }
            for (String value : headers.getOrDefault("Connection", List.of())) {
                for (String token : value.split(",")) {
                    if (token.strip().equalsIgnoreCase("close")) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /** How the body is delimited. */
    sealed interface Framing {
        /** No body (204, 304, a HEAD). */
        record None() implements Framing {}

        /** Exactly {@code length} bytes. */
        record Length(long length) implements Framing {}

        /** Chunks, then the end of the body. */
        record Chunked() implements Framing {}

        /** Until the server closes the connection. */
        record UntilClose() implements Framing {}
    }

    /**
     * The request head for {@code method} {@code uri}, with {@code Host}, {@code Accept: *}{@code /*} (unless the
     * headers name another) first; the connection stays open (HTTP/1.1's default) for the next request.
     *
     * @throws IllegalArgumentException when the target, a header name or a value holds a control character (CR
     *                                  and LF above all: a hostile redirect must not add headers)
     */
    static byte[] requestHead(String method, URI uri, Map<String, String> headers) {
        URI ascii = URI.create(uri.toASCIIString()); // non-ASCII path characters as UTF-8 escapes, as browsers send
        String path = ascii.getRawPath() == null || ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
        String target = ascii.getRawQuery() == null ? path : path + "?" + ascii.getRawQuery();
        StringBuilder head = new StringBuilder();
        head.append(token(method, "method")).append(' ').append(visible(target, "request target")).append(" HTTP/1.1\r\n");
        appendHeader(head, "Host", visible(hostHeader(ascii), "host"));
        if (!headers.containsKey("accept")) {
            appendHeader(head, "Accept", "*/*");
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (!TRANSPORT_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                appendHeader(head, header.getKey(), header.getValue());
            }
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String hostHeader(URI uri) {
        String host = uri.getHost(); // an IPv6 literal keeps its brackets here
        if (host == null) {
            throw new IllegalArgumentException("no host in the URL");
        }
        return uri.getPort() == -1 || uri.getPort() == 80 ? host : host + ":" + uri.getPort();
    }

    private static void appendHeader(StringBuilder head, String name, String value) {
        head.append(token(name, "header name")).append(": ").append(fieldValue(name, value)).append("\r\n");
    }

    private static String token(String s, String what) {
        if (!HttpChars.isToken(s)) {
            throw new IllegalArgumentException("illegal character in the " + what);
        }
        return s;
    }

    private static String visible(String s, String what) {
        if (s.isEmpty() || !HttpChars.allVisible(s)) {
            throw new IllegalArgumentException("illegal character in the " + what);
        }
        return s;
    }

    private static String fieldValue(String name, String value) {
        // the message names the header, never its value (it may be the token)
        if (!HttpChars.allFieldValueChars(value, 0xff)) {
            throw new IllegalArgumentException("illegal character in the value of header " + name);
        }
        return value;
    }

    /**
     * The offset just past the first blank line (CRLF CRLF) of {@code bytes[from, to)}, looking from {@code scanFrom}
     * on, or -1 when it has not arrived yet.
     */
    static int headEnd(byte[] bytes, int from, int to, int scanFrom) {
        for (int i = Math.max(from, scanFrom); i + 3 < to; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    /** Whether {@code bytes[from, to)} can still begin an HTTP response: a prefix of "HTTP/", or more. */
    static boolean mayBeHttp(byte[] bytes, int from, int to) {
        byte[] prefix = {'H', 'T', 'T', 'P', '/'};
        for (int i = 0; i < prefix.length && from + i < to; i++) {
            if (bytes[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses a response head, {@code text} without its closing blank line.
     *
     * @throws IOException "not an HTTP response from {@code host}" for a bad status line (as
     *                     {@link UrlConnectionTransport} says), a {@link ProtocolException} for a bad header line
     */
    static Head parseHead(String text, String host) throws IOException {
        // Lines found with indexOf, not split("\r\n"): a two-character separator is no fast path of split, which
        // would compile a regular expression for every response.
        int lineEnd = text.indexOf("\r\n");
        String statusLine = lineEnd < 0 ? text : text.substring(0, lineEnd);
        int code = statusCode(statusLine);
        if (code < 0) {
            throw new IOException("not an HTTP response from " + host);
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        while (lineEnd >= 0) {
            int lineStart = lineEnd + 2;
            lineEnd = text.indexOf("\r\n", lineStart);
            String line = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
            int colon = line.indexOf(':');
            if (colon <= 0 || !HttpChars.allTokenChars(line, 0, colon)) {
                // also an obs-fold (a line starting with white space), which RFC 9112 lets a client refuse
                throw new ProtocolException("malformed header line from " + host);
            }
            String value = line.substring(colon + 1).strip();
            if (!HttpChars.allFieldValueChars(value, Character.MAX_VALUE)) {
                throw new ProtocolException("control character in header " + line.substring(0, colon) + " from " + host);
            }
            headers.computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>()).add(value);
        }
        headers.replaceAll((k, v) -> List.copyOf(v));
        return new Head(code, statusLine.startsWith("HTTP/1.1 "), Collections.unmodifiableMap(headers));
    }

    /** The code of {@code HTTP/1.0 NNN reason} or {@code HTTP/1.1 NNN reason}, or -1. */
    static int statusCode(String line) {
        if (line.length() < 12 || !(line.startsWith("HTTP/1.1 ") || line.startsWith("HTTP/1.0 "))
                || (line.length() > 12 && line.charAt(12) != ' ')) {
            return -1;
        }
        int code = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            code = code * 10 + (c - '0');
        }
        boolean cleanReason = HttpChars.allFieldValueChars(line, Character.MAX_VALUE);
        return code >= 100 && cleanReason ? code : -1;
    }

    /**
     * How the body of the answer {@code head} to {@code method} is delimited.
     *
     * @throws ProtocolException for a transfer coding other than chunked, a length beside a transfer coding,
     *                           a length that is not digits, or lengths that disagree
     */
    static Framing framing(String method, Head head, String host) throws ProtocolException {
        if (method.equals("HEAD") || head.code() == 204 || head.code() == 304) {
            return new Framing.None();
        }
        List<String> codings = head.headers().get("Transfer-Encoding");
        List<String> lengths = head.headers().get("Content-Length");
        if (codings != null) {
            if (codings.size() != 1 || !codings.get(0).equalsIgnoreCase("chunked")) {
                throw new ProtocolException("unsupported transfer-encoding from " + host);
            }
            if (lengths != null) {
                // both is how requests are smuggled past a proxy; no honest server needs it
                throw new ProtocolException("both a content-length and a transfer-encoding from " + host);
            }
            return new Framing.Chunked();
        }
        if (lengths == null) {
            return new Framing.UntilClose();
        }
        long length = -1;
        for (String value : lengths) {
            long parsed = digits(value);
            if (parsed < 0 || (length >= 0 && parsed != length)) {
                throw new ProtocolException("bad content-length from " + host);
            }
            length = parsed;
        }
        return new Framing.Length(length);
    }

    /** A non-negative decimal of at most 18 digits, or -1. */
    private static long digits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return -1;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(s);
    }

    /**
     * The size of a chunk from its size line (hex digits, then optional extensions after {@code ;}), or -1 when it
     * is not one. At most 15 hex digits: no chunk is near 2^60 bytes, and the sum never overflows.
     */
    static long chunkSize(String line) {
        int semicolon = line.indexOf(';');
        String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
        if (hex.isEmpty() || hex.length() > 15) {
            return -1;
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (digit < 0) {
                return -1;
            }
            size = size * 16 + digit;
        }
        return size;
    }
}
