package io.hfhub.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;

/**
 * A response whose body has not been read yet. Closing it after reading the whole body lets the JDK keep the
 * connection alive for the next request; {@link #cancel()} drops the connection at once (another thread may
 * call it to stop a transfer).
 */
public final class HubResponse implements AutoCloseable {
    private final HubRequest request;
    private final HttpURLConnection connection;
    private final int code;
    private final Map<String, List<String>> headers;
    private InputStream body;

    HubResponse(HubRequest request, HttpURLConnection connection, int code) {
        this.request = request;
        this.connection = connection;
        this.code = code;
        this.headers = connection.getHeaderFields();
    }

    /** The request this answers: after redirects, the last hop. */
    public HubRequest request() {
        return request;
    }

    public int code() {
        return code;
    }

    public boolean isSuccessful() {
        return code >= 200 && code < 300;
    }

    /** A 301, 302, 303, 307 or 308. */
    public boolean isRedirect() {
        return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    }

    /** The first value of a header, case-insensitively, or null. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    /** The body; empty for a HEAD. Read it once. */
    public InputStream body() throws IOException {
        if (body == null) {
            InputStream stream = code >= 400 ? connection.getErrorStream() : connection.getInputStream();
            body = stream != null ? stream : InputStream.nullInputStream();
        }
        return body;
    }

    /**
     * The body as a channel into the caller's buffers, or null when this transport reads it through the JDK's
     * streams only (HTTPS, a proxy, a metadata request). Read the body through one of the two.
     */
    public BodyChannel channel() {
        return null;
    }

    /** Drops the connection: a blocked read in another thread fails at once. */
    public void cancel() {
        connection.disconnect();
    }

    /** Releases the response; a fully read body returns its connection to the JDK's keep-alive cache. */
    @Override
    public void close() {
        try {
            body().close();
        } catch (IOException | RuntimeException e) {
            connection.disconnect();
        }
    }
}
