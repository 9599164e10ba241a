package io.hfhub.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * A response whose body has not been read yet. Closing it after reading the whole body keeps the connection alive
 * for the next request (in the JDK's keep-alive cache, or the socket transport's own pool); {@link #cancel()} drops
 * the connection at once (another thread may call it to stop a transfer).
 */
public final class HubResponse implements AutoCloseable {
    private final HubRequest request;
    private final int code;
    private final Exchange exchange;
    private InputStream body;

    HubResponse(HubRequest request, int code, Exchange exchange) {
        this.request = request;
        this.code = code;
        this.exchange = exchange;
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

    /** The value of a header, case-insensitively, or null; of a header sent twice, the last value. */
    public String header(String name) {
        return exchange.header(name);
    }

    /** The body; empty for a HEAD. Read it once. */
    public InputStream body() throws IOException {
        if (body == null) {
            body = exchange.openBody();
        }
        return body;
    }

    /**
     * The body as a channel into the caller's buffers, or null when this transport reads it through the JDK's
     * streams only (HTTPS, a proxy, a metadata request) or the body is chunked. Read the body through one of the
     * two; {@link #close()} releases the connection either way.
     */
    public BodyChannel channel() {
        return exchange.channel();
    }

    /** Drops the connection: a blocked read in another thread fails at once. */
    public void cancel() {
        exchange.cancel();
    }

    /** Releases the response; a fully read body returns its connection to a keep-alive pool, any other closes it. */
    @Override
    public void close() {
        try {
            body().close();
        } catch (IOException | RuntimeException e) {
            exchange.cancel();
        }
    }
}
