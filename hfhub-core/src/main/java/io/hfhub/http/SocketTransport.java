package io.hfhub.http;

import io.hfhub.HfHubException;
import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The last stage for plain-HTTP downloads without a proxy: one GET over a new {@link java.nio.channels.SocketChannel}
 * ({@code Connection: close}, no pooling), whose body the transfer can read into direct buffers through
 * {@link HubResponse#channel()}. {@code HttpURLConnection} reads the socket into a direct buffer of its own and
 * copies every byte into ours (about a tenth of the CPU of a 1 GiB download, measured 2026-11-30); everything
 * else (HTTPS, proxies, metadata) stays on {@link UrlConnectionTransport}.
 */
final class SocketTransport {
    /** Whether this transport carries {@code request}: a download GET over plain HTTP, straight to the server. */
    static boolean carries(HubRequest request, boolean download, ProxySettings proxies) {
        if (!download || !request.method().equals("GET")) {
            return false;
        }
        URI uri;
        try {
            uri = URI.create(request.url());
        } catch (IllegalArgumentException e) {
            return false; // UrlConnectionTransport refuses it with its own message
        }
        return "http".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && proxies.route(uri).isDirect();
    }

    HubResponse execute(HubRequest request, Duration timeout, HubCall call) throws IOException {
        call.checkNotCancelled();
        URI uri = URI.create(request.url());
        String host = uri.getHost();
        ByteBuffer requestHead = ByteBuffer.wrap(Http1.requestHead(request.method(), uri, request.headers()));
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        SocketWire wire = null;
        HubResponse response;
        try {
            wire = SocketWire.connect(unbracketed(host), uri.getPort() == -1 ? 80 : uri.getPort(), millis);
            wire.write(requestHead);
            Http1.Head head = readHead(wire, host);
            Http1.Framing framing = Http1.framing(request.method(), head, host);
            response = new HubResponse(request, head.code(), new SocketExchange(wire, head, framing, host));
        } catch (IOException e) {
            if (wire != null) {
                wire.close();
            }
            HfHubException typed = ConnectionFailures.classify(e, host, ProxyRoute.DIRECT);
            if (typed != null) {
                throw typed;
            }
            throw e;
        }
        call.opened(response);
        return response;
    }

    /** The final response head, interim (1xx) ones skipped; the bytes after it stay in the wire's buffer. */
    static Http1.Head readHead(SocketWire wire, String host) throws IOException {
        ByteBuffer in = wire.buffered();
        int consumed = 0;
        int scanned = 0;
        for (int interim = 0; ; ) {
            if (!Http1.mayBeHttp(in.array(), in.position(), in.limit())) {
                throw new IOException("not an HTTP response from " + host);
            }
            int end = Http1.headEnd(in.array(), in.position(), in.limit(), in.position() + scanned);
            if (end < 0) {
                if (consumed + in.remaining() >= Http1.MAX_HEAD) {
                    throw new IOException("response headers too large from " + host);
                }
                scanned = Math.max(0, in.remaining() - 3);
                if (!wire.fill()) {
                    throw new SocketException("Unexpected end of file from " + host);
                }
                continue;
            }
            String text = new String(in.array(), in.position(), end - 4 - in.position(), StandardCharsets.ISO_8859_1);
            Http1.Head head = Http1.parseHead(text, host);
            consumed += end - in.position();
            in.position(end);
            scanned = 0;
            if (!head.interim()) {
                return head;
            }
            if (head.code() == 101 || ++interim > Http1.MAX_INTERIM) {
                // 101 switches protocols, which we never asked for
                throw new java.net.ProtocolException("unexpected interim responses (HTTP " + head.code() + ") from " + host);
            }
        }
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
