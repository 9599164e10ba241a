package io.hfhub.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * One TCP connection read and written without blocking, each wait bounded by the timeout through a
 * {@link Selector}: a socket channel in blocking mode has no read timeout, and a selector can be woken by
 * {@link #cancel()} from another thread (or an interrupt, which cancels a download). Bytes read ahead (past a
 * response head) wait in a heap buffer and are handed out before the socket is read again. A wire carries one request at a time; between them it may wait idle
 * in {@link SocketTransport}'s pool.
 */
final class SocketWire {
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    /** This request's wait limit; set again for each request the wire carries. */
    private long timeoutMillis;
    /** Bytes this request received from the socket so far. */
    private long received;
    /** When the wire last went idle ({@link System#nanoTime()}). */
    private long idleSince;
    /** Bytes read and not yet handed out, in read mode; large enough for {@link Http1#MAX_HEAD}. */
    private final ByteBuffer buffered = ByteBuffer.allocate(Http1.MAX_HEAD).flip();
    private volatile boolean cancelled;

    private SocketWire(SocketChannel channel, Selector selector, long timeoutMillis) throws IOException {
        this.channel = channel;
        this.selector = selector;
        this.timeoutMillis = timeoutMillis;
        this.key = channel.register(selector, 0);
    }

    /** Connects within {@code timeoutMillis} (0: no limit), Nagle off: a request head goes out at once. */
    static SocketWire connect(String host, int port, int timeoutMillis) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new UnknownHostException(host);
        }
        SocketChannel channel = SocketChannel.open();
        Selector selector = null;
        try {
            channel.socket().setTcpNoDelay(true);
            channel.socket().connect(address, timeoutMillis);
            channel.configureBlocking(false);
            selector = Selector.open();
            return new SocketWire(channel, selector, timeoutMillis);
        } catch (ClosedByInterruptException e) {
            closeQuietly(channel, selector);
            throw new InterruptedIOException("interrupted while connecting to " + host);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, selector);
            throw e;
        }
    }

    /** Makes the wire ready for a new request: its own timeout, nothing received yet, no readiness awaited. */
    void startRequest(int timeoutMillis) throws IOException {
        this.timeoutMillis = timeoutMillis;
        this.received = 0;
        io(() -> {
            key.interestOps(0);
            return 0;
        });
    }

    /** Whether not one byte of this request's response has arrived (a failure then may be a dead idle connection). */
    boolean receivedNothing() {
        return received == 0 && !buffered.hasRemaining();
    }

    /**
     * Whether the connection can carry another request: not cancelled, no byte read ahead, and none waiting in the
     * socket (a byte past the body, or the end of the stream, means the server is not where we think).
     */
    boolean isQuiet() {
        if (cancelled || buffered.hasRemaining() || !channel.isOpen()) {
            return false;
        }
        buffered.clear();
        try {
            return channel.read(buffered) == 0;
        } catch (IOException e) {
            return false;
        } finally {
            buffered.flip();
        }
    }

    void markIdle(long now) {
        idleSince = now;
    }

    long idleSince() {
        return idleSince;
    }

    /** Writes all of {@code src}. */
    void write(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            if (io(() -> channel.write(src)) == 0) {
                await(SelectionKey.OP_WRITE, "Write timed out");
            }
        }
    }

    /** The bytes read ahead, in read mode: a reader takes bytes by moving its position. */
    ByteBuffer buffered() {
        return buffered;
    }

    /**
     * Reads more into {@link #buffered()}, after the bytes still there, waiting for at least one: false at the
     * end of the stream. The caller leaves room (the buffer is {@link Http1#MAX_HEAD} long).
     */
    boolean fill() throws IOException {
        buffered.compact();
        try {
            return read(buffered, true, false) >= 0;
        } finally {
            buffered.flip();
        }
    }

    /**
     * Reads into {@code dst}: the bytes read ahead first, then the socket; with {@code wait}, waits up to the timeout
     * for at least one byte ({@link SocketTimeoutException} past it). 0 only without {@code wait} or for a full
     * {@code dst}; -1 at the end of the stream.
     */
    int read(ByteBuffer dst, boolean wait) throws IOException {
        return read(dst, wait, true);
    }

    private int read(ByteBuffer dst, boolean wait, boolean readAhead) throws IOException {
        if (cancelled) {
            throw cancelledException();
        }
        if (readAhead && buffered.hasRemaining()) {
            int n = Math.min(buffered.remaining(), dst.remaining());
            dst.put(dst.position(), buffered, buffered.position(), n).position(dst.position() + n);
            buffered.position(buffered.position() + n);
            return n;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        while (true) {
            int n = io(() -> channel.read(dst));
            if (n > 0) {
                received += n;
            }
            if (n != 0 || !wait) {
                return n;
            }
            await(SelectionKey.OP_READ, "Read timed out");
        }
    }

    /** Waits until the socket is ready for {@code op}, at most the timeout; a cancel ends the wait at once. */
    private void await(int op, String timedOut) throws IOException {
        io(() -> {
            key.interestOps(op);
            return 0;
        });
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            long left = timeoutMillis == 0 ? 0 : Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            int ready = io(() -> {
                int selected = selector.select(left);
                selector.selectedKeys().clear();
                return selected;
            });
            if (cancelled) {
                throw cancelledException();
            }
            if (Thread.currentThread().isInterrupted()) {
                // an interrupt ends a select at once (and would end every one after it): the download is cancelled
                throw new InterruptedIOException("interrupted");
            }
            if (ready > 0) {
                return;
            }
            if (timeoutMillis > 0 && System.nanoTime() - deadline >= 0) {
                throw new SocketTimeoutException(timedOut);
            }
        }
    }

    private interface Io {
        int run() throws IOException;
    }

    /** Runs one channel operation; on a cancelled wire, whatever it failed with becomes "cancelled". */
    private int io(Io operation) throws IOException {
        try {
            return operation.run();
        } catch (ClosedChannelException | ClosedSelectorException | CancelledKeyException e) {
            // a cancel closes the channel, which cancels its key: all three mean the same
            if (cancelled) {
                throw cancelledException();
            }
            throw e instanceof IOException io ? io : new SocketException("socket closed");
        }
    }

    private static SocketException cancelledException() {
        return new SocketException("cancelled");
    }

    /** Fails a read blocked in another thread at once, and every read after it. */
    void cancel() {
        cancelled = true;
        selector.wakeup();
        closeQuietly(channel, null);
    }

    void close() {
        closeQuietly(channel, selector);
    }

    private static void closeQuietly(SocketChannel channel, Selector selector) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
        try {
            if (selector != null) {
                selector.close();
            }
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
