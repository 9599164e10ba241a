package io.hfhub.serve;

import io.hfhub.cache.MirrorServer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * One client connection, served by one worker thread from accept to close: requests are read and answered in
 * turn (HTTP/1.1 persistent connections). The connection always knows which phase it is in and since when,
 * so that {@link Connections} can close it when a phase lasts too long: waiting for a request
 * ({@link Phase#IDLE}), receiving a request head ({@link Phase#HEAD}, timed from its first byte however slowly
 * the rest drips in), or sending a response without progress ({@link Phase#RESPONSE}, every write that
 * completes counts as progress). Closing the socket ends any blocked read or write at once.
 */
public final class MirrorConnection implements Runnable {
    private static final System.Logger LOG = System.getLogger(MirrorConnection.class.getName());
    /** Largest single socket write: progress is recorded at least this often, and a write blocks on no more. */
    private static final int SLICE = 64 * 1024;
    /** How long and how much unread request data is drained before closing, see {@link #lingeringClose}. */
    private static final int LINGER_MILLIS = 1000;
    private static final int LINGER_BYTES = 256 * 1024;

    /** What a connection is doing, each with its own time limit. */
    enum Phase { IDLE, HEAD, RESPONSE }

    private record State(Phase phase, long sinceNanos) {}

    private final Socket socket;
    private final MirrorHandler handler;
    private final MirrorServer.Limits limits;
    private final Connections connections;
    private volatile State state = new State(Phase.IDLE, System.nanoTime());

    /** One client's connection, served by {@link #run()} on a worker thread. */
    public MirrorConnection(Socket socket, MirrorHandler handler, MirrorServer.Limits limits, Connections connections) {
        this.socket = socket;
        this.handler = handler;
        this.limits = limits;
        this.connections = connections;
    }

    @Override
    public void run() {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(new ProgressStream(socket.getOutputStream()), 16 * 1024);
            InetSocketAddress local = (InetSocketAddress) socket.getLocalSocketAddress();
            boolean more = true;
            while (more) {
                enter(Phase.IDLE);
                RequestReader.Result read = RequestReader.read(in, () -> enter(Phase.HEAD));
                if (read instanceof RequestReader.EndOfStream) {
                    return;
                }
                more = serveOne(read, in, out, local);
            }
            lingeringClose(in);
        } catch (IOException e) {
            // A client gone away, or a socket closed by the watchdog: routine for a download server.
            LOG.log(System.Logger.Level.DEBUG, "connection ended", e);
        } finally {
            connections.remove(this);
        }
    }

    /** Answers one request, or refuses a malformed one; true when the connection can carry another. */
    private boolean serveOne(RequestReader.Result read, InputStream in, OutputStream out, InetSocketAddress local)
            throws IOException {
        enter(Phase.RESPONSE);
        if (read instanceof RequestReader.Malformed) {
            RequestReader.Malformed malformed = (RequestReader.Malformed) read;
            out.write(Exchange.closingResponse(malformed.status(), malformed.reason()));
            out.flush();
            return false;
        }
        Exchange exchange = new Exchange((RequestHead) read, in, out, local);
        handler.handle(exchange);
        return exchange.finish();
    }

    /**
     * Ends the response side, then reads and drops what the client still sends (a request body, the rest of a
     * refused head, pipelined requests) for a moment before closing: closing with unread data makes the kernel
     * send a reset, which can destroy the response before the client has read it.
     */
    private void lingeringClose(InputStream in) throws IOException {
        socket.shutdownOutput();
        socket.setSoTimeout(LINGER_MILLIS);
        byte[] sink = new byte[8192];
        try {
            for (int total = 0, n; total < LINGER_BYTES && (n = in.read(sink)) >= 0; total += n) {
                // dropped
            }
        } catch (SocketTimeoutException e) {
            // the client sends nothing more and has not closed: close now
        }
    }

    private void enter(Phase phase) {
        state = new State(phase, System.nanoTime());
    }

    /** Whether the current phase has lasted longer than its limit at {@code nowNanos}. */
    boolean overdue(long nowNanos) {
        State current = state;
        return nowNanos - current.sinceNanos() > limit(current.phase()).toNanos();
    }

    private Duration limit(Phase phase) {
        return switch (phase) {
            case IDLE -> limits.idleTimeout();
            case HEAD -> limits.headerTimeout();
            case RESPONSE -> limits.sendTimeout();
        };
    }

    /** Closes the socket, which ends a read or write blocked in the worker thread with an exception. */
    void abort() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a connection", e);
        }
    }

    /** Writes in slices and counts each completed slice as progress of the response. */
    private final class ProgressStream extends FilterOutputStream {
        ProgressStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            for (int done = 0; done < length; ) {
                int n = Math.min(SLICE, length - done);
                out.write(bytes, offset + done, n);
                done += n;
                enter(Phase.RESPONSE);
            }
        }
    }
}
