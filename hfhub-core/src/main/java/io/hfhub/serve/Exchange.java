package io.hfhub.serve;

import io.hfhub.http.HttpChars;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One request and its response on a mirror connection. The response is a status, headers and a body of a
 * length declared up front ({@code Content-Length}, never chunked): a HEAD gets the same headers and no body.
 * Whether the connection may carry another request is decided here, once the response is complete.
 */
final class Exchange {
    private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"),
            Map.entry(206, "Partial Content"), Map.entry(400, "Bad Request"), Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"), Map.entry(416, "Range Not Satisfiable"),
            Map.entry(431, "Request Header Fields Too Large"), Map.entry(500, "Internal Server Error"),
            Map.entry(503, "Service Unavailable"), Map.entry(505, "HTTP Version Not Supported"));

    /** IMF-fixdate (RFC 9110 section 5.6.7); RFC_1123_DATE_TIME would drop the leading zero of the day. */
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final RequestHead request;
    private final InputStream in;
    private final OutputStream out;
    private final InetSocketAddress localAddress;
    private final Map<String, String> responseHeaders = new LinkedHashMap<>();
    private Body body;

    Exchange(RequestHead request, InputStream in, OutputStream out, InetSocketAddress localAddress) {
        this.request = request;
        this.in = in;
        this.out = out;
        this.localAddress = localAddress;
    }

    RequestHead request() {
        return request;
    }

    boolean isHead() {
        return request.method().equals("HEAD");
    }

    /**
     * The request body (paths-info is the one route that has one), at most {@code max} bytes, with a
     * {@code Content-Length}; the connection closes after such a request, so nothing is left to drain.
     */
    byte[] readBody(int max) throws IOException {
        if (request.header("Transfer-Encoding") != null) {
            throw HubError.badRequest("send the request body with a Content-Length");
        }
        String declared = request.header("Content-Length");
        long length;
        try {
            length = declared == null ? 0 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            throw HubError.badRequest("unusable Content-Length");
        }
        if (length < 0 || length > max) {
            throw HubError.badRequest("request body over " + max + " bytes");
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new IOException("the request body ended early");
        }
        return body;
    }

    /** The address the client connected to, for absolute URLs when the client sent no {@code Host}. */
    InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Sets a response header; values come from the cache or from checked request fields, never raw bytes. */
    void setHeader(String name, String value) {
        if (!HttpChars.allFieldValueChars(value, RequestReader.ASCII)) {
            throw new IllegalArgumentException("header " + name + " is not one line of visible ASCII");
        }
        responseHeaders.put(name, value);
    }

    boolean responded() {
        return body != null;
    }

    /**
     * Sends the status line and headers for a body of {@code length} bytes and returns the stream the body is
     * written to (nothing may be written for a HEAD). The connection is closed after this response if the
     * client asked for it or sent a request body, which the mirror never reads.
     */
    OutputStream respond(int status, long length) throws IOException {
        if (body != null) {
            throw new IllegalStateException("response already started");
        }
        body = new Body(out, isHead() ? 0 : length);
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(status).append(' ').append(REASONS.getOrDefault(status, "")).append("\r\n");
        responseHeaders.put("Content-Length", Long.toString(length));
        responseHeaders.put("Date", DATE.format(Instant.now()));
        if (!keepsConnection()) {
            responseHeaders.put("Connection", "close");
        }
        responseHeaders.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        return body;
    }

    /**
     * A complete response that closes the connection, for a request that never became an exchange (a malformed
     * head, no free connection slot): the status and a Hub-style {@code {"error": ...}} body.
     */
    static byte[] closingResponse(int status, String message) {
        byte[] body = Responses.toJson(Map.of("error", message));
        String head = "HTTP/1.1 " + status + ' ' + REASONS.getOrDefault(status, "") + "\r\n"
                + "Content-Type: application/json; charset=utf-8\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        byte[] head8 = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] response = Arrays.copyOf(head8, head8.length + body.length);
        System.arraycopy(body, 0, response, head8.length, body.length);
        return response;
    }

    /** Sends what is buffered; true when the connection can carry the next request. */
    boolean finish() throws IOException {
        if (body == null) {
            return false;
        }
        out.flush();
        return body.complete() && keepsConnection();
    }

    private boolean keepsConnection() {
        return !request.wantsClose() && !request.hasBody();
    }

    /** Exactly the declared number of bytes; closing it only flushes, the connection stays open. */
    private static final class Body extends OutputStream {
        private final OutputStream out;
        private long remaining;

        Body(OutputStream out, long length) {
            this.out = out;
            this.remaining = length;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length > remaining) {
                throw new IllegalStateException("body longer than its Content-Length");
            }
            out.write(bytes, offset, length);
            remaining -= length;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }

        boolean complete() {
            return remaining == 0;
        }
    }
}
