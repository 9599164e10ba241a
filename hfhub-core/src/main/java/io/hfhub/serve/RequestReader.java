package io.hfhub.serve;

import io.hfhub.http.HttpChars;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads HTTP/1.x request heads strictly: the head is bounded in size and header count, the target must be an
 * origin-form path of visible ASCII, and header values may hold no control character (a value can end up in a
 * response header, e.g. {@code Host} in a {@code Link}). Anything else is a {@link Malformed} with the status
 * to answer before closing the connection.
 */
final class RequestReader {
    /** Far above what the Hub clients send (a few hundred bytes), far below what could cost memory. */
    static final int MAX_BYTES = 16 * 1024;
    static final int MAX_HEADERS = 100;
    /** The highest character a header value may hold here, read or written ({@link Exchange}): ASCII only. */
    static final int ASCII = 0x7e;

    /** What reading a request head gave. */
    sealed interface Result permits RequestHead, Malformed, EndOfStream {}

    /** A head that cannot be answered normally: the status to send before closing the connection. */
    record Malformed(int status, String reason) implements Result {}

    /** The client closed the connection (or sent only empty lines) before a request began. */
    record EndOfStream() implements Result {}

    private RequestReader() {}

    /**
     * Reads one request head. {@code onFirstByte} runs once the first byte has arrived, which is when the
     * connection stops being idle and the time allowed for the whole head starts.
     */
    static Result read(InputStream in, Runnable onFirstByte) throws IOException {
        int first = in.read();
        if (first < 0) {
            return new EndOfStream();
        }
        onFirstByte.run();
        LineReader lines = new LineReader(in, first);
        String requestLine = lines.next();
        // RFC 9112 section 2.2: a server should ignore at least one empty line received before the request line.
        for (int skipped = 0; requestLine != null && requestLine.isEmpty() && skipped < 4; skipped++) {
            requestLine = lines.next();
        }
        if (requestLine == null) {
            return lines.failure != null ? lines.failure : new EndOfStream();
        }
        return parse(requestLine, lines);
    }

    private static Result parse(String requestLine, LineReader lines) throws IOException {
        String[] parts = requestLine.split(" ", -1);
        if (parts.length != 3 || !HttpChars.isToken(parts[0]) || !parts[1].startsWith("/")
                || !HttpChars.allVisible(parts[1]) || parts[1].indexOf('#') >= 0) {
            return new Malformed(400, "malformed request line");
        }
        if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
            return new Malformed(505, "only HTTP/1.1 and HTTP/1.0 are served");
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = lines.next(); line != null && !line.isEmpty(); line = lines.next()) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).strip();
            if (!HttpChars.isToken(name) || !HttpChars.allFieldValueChars(value, ASCII)
                    || headers.size() >= MAX_HEADERS) {
                return new Malformed(400, "malformed header field");
            }
            String earlier = headers.putIfAbsent(name, value);
            if (earlier != null && name.equalsIgnoreCase("Content-Length") && !earlier.equals(value)) {
                return new Malformed(400, "conflicting Content-Length");
            }
        }
        if (lines.failure != null) {
            return lines.failure;
        }
        String target = parts[1];
        int question = target.indexOf('?');
        String length = headers.get("Content-Length");
        if (length != null && !length.matches("[0-9]{1,18}")) {
            return new Malformed(400, "malformed Content-Length");
        }
        boolean hasBody = headers.containsKey("Transfer-Encoding") || (length != null && Long.parseLong(length) > 0);
        return new RequestHead(parts[0], question < 0 ? target : target.substring(0, question),
                question < 0 ? null : target.substring(question + 1), parts[2].equals("HTTP/1.0"), headers, hasBody);
    }

    /**
     * Lines ending in LF (a CR before it is dropped), bounded by {@link #MAX_BYTES} in total. Ends with null at
     * end of stream or when the head is too long or holds a bare CR or NUL; {@link #failure} tells which.
     */
    private static final class LineReader {
        private final InputStream in;
        private int pending;
        private int total;
        Malformed failure;

        LineReader(InputStream in, int first) {
            this.in = in;
            this.pending = first;
        }

        String next() throws IOException {
            if (failure != null) {
                return null;
            }
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            while (true) {
                int b = pending >= 0 ? pending : in.read();
                pending = -1;
                if (b < 0) {
                    return null;
                }
                if (++total > MAX_BYTES) {
                    failure = new Malformed(431, "request head larger than " + MAX_BYTES + " bytes");
                    return null;
                }
                if (b == '\n') {
                    return endOfLine(line);
                }
                line.write(b);
            }
        }

        private String endOfLine(ByteArrayOutputStream line) {
            byte[] bytes = line.toByteArray();
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            for (int i = 0; i < length; i++) {
                if (bytes[i] == '\r' || bytes[i] == 0) {
                    failure = new Malformed(400, "bare CR or NUL in the request head");
                    return null;
                }
            }
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }
    }
}
