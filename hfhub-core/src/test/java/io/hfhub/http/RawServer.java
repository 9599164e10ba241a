package io.hfhub.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server that answers each connection with whatever bytes a test writes, however wrong: the hostile
 * server the socket transport must survive. It records every request head it reads and counts the connections it
 * accepts; {@link #keepingAlive} answers every request a connection carries, the others one.
 */
final class RawServer implements AutoCloseable {
    /** Answers one connection whose request head has been read. */
    interface Handler {
        void answer(String requestHead, OutputStream out, Socket socket) throws Exception;
    }

    private final ServerSocket server;
    private final Handler handler;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger closedByClient = new AtomicInteger();
    private final boolean keepAlive;

    RawServer(Handler handler) throws IOException {
        this(handler, false);
    }

    private RawServer(Handler handler, boolean keepAlive) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.handler = handler;
        this.keepAlive = keepAlive;
        Thread acceptor = new Thread(this::acceptLoop, "raw-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    int port() {
        return server.getLocalPort();
    }

    /** A server that reads the next request on a connection after answering one, until the client closes it. */
    static RawServer keepingAlive(Handler handler) throws IOException {
        return new RawServer(handler, true);
    }

    /** How many connections were accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** How many connections the client closed (its end seen before a request head) so far. */
    int closedByClient() {
        return closedByClient.get();
    }

    /** The request heads received so far, in order. */
    List<String> requests() {
        return requests;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                Thread connection = new Thread(() -> serve(socket), "raw-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            do {
                String head = readHead(socket.getInputStream());
                if (head.isEmpty()) {
                    closedByClient.incrementAndGet();
                    return;
                }
                requests.add(head);
                handler.answer(head, socket.getOutputStream(), socket);
                socket.getOutputStream().flush();
            } while (keepAlive && !socket.isClosed());
        } catch (Exception e) {
            // the client went away: nothing to answer
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        for (int c = in.read(); c >= 0; c = in.read()) {
            head.write(c);
            matched = (c == '\r' && matched % 2 == 0) || (c == '\n' && matched % 2 == 1) ? matched + 1 : 0;
            if (matched == 4) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Blocks until the client closes its end: a server that stalls. */
    static void waitForClient(Socket socket) throws IOException {
        while (socket.getInputStream().read() >= 0) {
            // the client sends nothing more
        }
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
