package io.hfhub.http;

import io.hfhub.HfHubException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The last stage for plain-HTTP downloads without a proxy: GETs over our own {@link java.nio.channels.SocketChannel}s,
 * whose bodies the transfer can read into direct buffers through {@link HubResponse#channel()}. Connections are kept
 * alive as {@code HttpURLConnection} keeps them: a ranged download asks for hundreds of ranges, and a new connection
 * for each costs CPU in the kernel (every one starts with small TCP windows). A connection whose response was read to
 * its end cleanly waits idle, at most {@value #MAX_IDLE_PER_HOST} per host and {@link #MAX_IDLE} (30 s): a daemon
 * thread, running while some connection is idle and one idle period after, closes each when its time is up, so a
 * long-lived client that stops downloading holds no socket (and no file descriptor the server has half-closed) for
 * longer than that. A request on an idle connection the server has closed meanwhile is sent once more on a new one.
 * {@code HttpURLConnection} reads the socket into a direct buffer of its own and copies every byte into ours (about a
 * tenth of the CPU of a 1 GiB download, measured 2026-11-30); everything else (HTTPS, proxies, metadata) stays on
 * {@link UrlConnectionTransport}.
 */
final class SocketTransport {
    static final int MAX_IDLE_PER_HOST = 8;
    static final Duration MAX_IDLE = Duration.ofSeconds(30);

    private final long maxIdleNanos;
    /** Idle connections by host and port, the most recently used last. Also the monitor of the expiring thread. */
    private final Map<String, ArrayDeque<SocketWire>> idle = new HashMap<>();
    /** Whether the thread that closes expired idle connections runs. Guarded by idle. */
    private boolean expiring;
    /** How many times {@link #closeIdle()} ran: the expiring thread then ends once nothing waits. Guarded by idle. */
    private long closes;

    SocketTransport(Duration maxIdle) {
        this.maxIdleNanos = maxIdle.toNanos();
    }

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
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        String key = host.toLowerCase(Locale.ROOT) + ":" + port;
        SocketWire wire = takeIdle(key);
        HubResponse response;
        while (true) {
            boolean reused = wire != null;
            try {
                if (wire == null) {
                    wire = SocketWire.connect(unbracketed(host), port, millis);
                }
                wire.startRequest(millis);
                wire.write(requestHead.rewind());
                Http1.Head head = readHead(wire, host);
                Http1.Framing framing = Http1.framing(request.method(), head, host);
                SocketExchange exchange = new SocketExchange(wire, head, framing, host, w -> offerIdle(key, w));
                response = new HubResponse(request, head.code(), exchange);
                break;
            } catch (IOException e) {
                if (wire != null) {
                    wire.close();
                }
                if (reused && wire.receivedNothing() && !(e instanceof InterruptedIOException)) {
                    // the server closed the idle connection before our request reached it: a GET is safe to send
                    // again, once, on a new connection (a timeout or a cancel is not a dead connection)
                    call.checkNotCancelled();
                    wire = null;
                    continue;
                }
                HfHubException typed = ConnectionFailures.classify(e, host, ProxyRoute.DIRECT);
                if (typed != null) {
                    throw typed;
                }
                throw e;
            }
        }
        call.opened(response);
        return response;
    }

    /** The most recently used idle connection to {@code key} young enough to reuse, or null; older ones closed. */
    private SocketWire takeIdle(String key) {
        List<SocketWire> stale = new ArrayList<>();
        SocketWire found = null;
        synchronized (idle) {
            ArrayDeque<SocketWire> wires = idle.get(key);
            long now = System.nanoTime();
            while (wires != null && !wires.isEmpty() && found == null) {
                SocketWire wire = wires.pollLast();
                if (timeLeft(wire, now) <= 0) {
                    stale.add(wire);
                } else {
                    found = wire;
                }
            }
            if (wires != null && wires.isEmpty()) {
                idle.remove(key);
            }
        }
        stale.forEach(SocketWire::close);
        return found;
    }

    /** Nanoseconds an idle connection may still wait at {@code now} before it is closed; 0 or less: expired. */
    private long timeLeft(SocketWire wire, long now) {
        return wire.idleSince() + maxIdleNanos - now;
    }

    /** Closes every idle connection; the transport stays usable (a later request opens a new one). */
    void closeIdle() {
        List<SocketWire> all = new ArrayList<>();
        synchronized (idle) {
            idle.values().forEach(all::addAll);
            idle.clear();
            closes++;
            idle.notifyAll(); // the expiring thread sees nothing left and ends
        }
        all.forEach(SocketWire::close);
    }

    /** Keeps a clean connection for the next request to {@code key}, or closes it when enough wait already. */
    private void offerIdle(String key, SocketWire wire) {
        wire.markIdle(System.nanoTime());
        synchronized (idle) {
            ArrayDeque<SocketWire> wires = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
            if (wires.size() < MAX_IDLE_PER_HOST) {
                wires.addLast(wire);
                if (!expiring) {
                    expiring = true;
                    long closesSeen = closes;
                    Thread expiry = new Thread(() -> expireIdle(closesSeen), "hfhub-idle-connections");
                    expiry.setDaemon(true); // never keeps a JVM alive
                    expiry.start();
                }
                return;
            }
        }
        wire.close();
    }

    /**
     * The expiring thread: closes each idle connection once it has waited {@link #maxIdleNanos}, sleeping until the
     * next one is due. When none waits it lingers that long again before it ends (the next connection to go idle
     * then starts another), and ends at once after {@link #closeIdle()}: in a download, connections go idle and are
     * taken again between every two requests, and a thread started for each cost 2-3% of a 300-file snapshot.
     */
    private void expireIdle(long closesSeen) {
        long lingerUntil = 0;
        boolean lingering = false;
        while (true) {
            List<SocketWire> expired = new ArrayList<>();
            synchronized (idle) {
                long now = System.nanoTime();
                long wait = Long.MAX_VALUE;
                for (var it = idle.values().iterator(); it.hasNext(); ) {
                    ArrayDeque<SocketWire> wires = it.next();
                    for (var w = wires.iterator(); w.hasNext(); ) {
                        SocketWire wire = w.next();
                        long left = timeLeft(wire, now);
                        if (left <= 0) {
                            expired.add(wire);
                            w.remove();
                        } else {
                            wait = Math.min(wait, left);
                        }
                    }
                    if (wires.isEmpty()) {
                        it.remove();
                    }
                }
                if (expired.isEmpty()) {
                    if (idle.isEmpty()) {
                        if (!lingering) {
                            lingering = true;
                            lingerUntil = now + maxIdleNanos;
                        }
                        if (closes != closesSeen || now - lingerUntil >= 0) {
                            expiring = false;
                            return;
                        }
                        wait = lingerUntil - now;
                    } else {
                        lingering = false;
                    }
                    try {
                        idle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait) + 1));
                    } catch (InterruptedException e) {
                        expiring = false; // nobody interrupts it; if someone does, the next idle connection starts another
                        return;
                    }
                }
            }
            expired.forEach(SocketWire::close);
        }
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
