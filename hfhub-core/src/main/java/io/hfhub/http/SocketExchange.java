package io.hfhub.http;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A response read from our own socket ({@link SocketTransport}): the body is delimited by its
 * {@link Http1.Framing}, and offered both as a {@link BodyChannel} into the caller's (direct) buffers and as a
 * stream. A chunked body is a stream only: decoding it needs its size lines, which come through the heap anyway.
 * Closed after its body was read to the very end, on a connection the server keeps alive and with nothing more
 * received, the exchange hands its wire back for the next request; anything else closes the socket (a body left
 * unread is never drained: the transfer cancels ranges mid-body on purpose).
 */
final class SocketExchange implements Exchange, BodyChannel {
    private static final long UNTIL_CLOSE = Long.MAX_VALUE;

    private final SocketWire wire;
    private final Http1.Head head;
    private final boolean chunked;
    private final boolean untilClose;
    private final String host;
    /** Takes the wire back for another request. */
    private final Consumer<SocketWire> recycle;
    /** Open, then released (by a close) or cancelled, once: a late cancel must not reach a wire back in the pool. */
    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
    /** Body bytes still to come: all until the end of the stream for {@link #UNTIL_CLOSE}. */
    private long remaining;
    /** Whether the stream ended before the framing did (for a body until the close, where it ends). */
    private boolean cutShort;

    private enum State { OPEN, RELEASED, CANCELLED }

    SocketExchange(SocketWire wire, Http1.Head head, Http1.Framing framing, String host, Consumer<SocketWire> recycle) {
        this.wire = wire;
        this.head = head;
        this.host = host;
        this.recycle = recycle;
        this.chunked = framing instanceof Http1.Framing.Chunked;
        this.untilClose = framing instanceof Http1.Framing.UntilClose;
        this.remaining = framing instanceof Http1.Framing.Length fixed ? fixed.length()
                : framing instanceof Http1.Framing.None ? 0 : UNTIL_CLOSE;
    }

    @Override
    public String header(String name) {
        return head.header(name);
    }

    @Override
    public InputStream openBody() {
        if (chunked) {
            return new ChunkedStream(new BufferedInputStream(new WireStream(false), 64 * 1024));
        }
        return new WireStream(true);
    }

    @Override
    public BodyChannel channel() {
        return chunked ? null : this;
    }

    @Override
    public void cancel() {
        if (state.compareAndSet(State.OPEN, State.CANCELLED)) {
            wire.cancel();
        }
    }

    /** Ends the exchange: the wire back to the pool when the body was read whole and the connection is clean. */
    private void release(boolean bodyComplete) {
        if (!state.compareAndSet(State.OPEN, State.RELEASED)) {
            if (state.get() == State.CANCELLED) {
                wire.close(); // a cancel closed the socket only: its selector is released here, by the reader
            }
            return;
        }
        if (bodyComplete && head.keepsAlive() && wire.isQuiet()) {
            recycle.accept(wire);
        } else {
            wire.close();
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return readBody(dst, true);
    }

    @Override
    public int readAvailable(ByteBuffer dst) throws IOException {
        return readBody(dst, false);
    }

    /**
     * At most the body's remaining bytes into {@code dst}. An end of stream before the length is -1 too: the
     * transfer, which knows how many bytes it asked for, counts it as a broken connection and resumes.
     */
    private int readBody(ByteBuffer dst, boolean wait) throws IOException {
        if (remaining == 0) {
            return -1;
        }
        int limit = dst.limit();
        if (remaining < dst.remaining()) {
            dst.limit(dst.position() + (int) remaining);
        }
        int n;
        try {
            n = wire.read(dst, wait);
        } finally {
            dst.limit(limit);
        }
        if (n < 0) {
            cutShort = true;
            remaining = 0;
            return -1;
        }
        if (remaining != UNTIL_CLOSE) {
            remaining -= n;
        }
        return n;
    }

    /** A stream that only reads into arrays, at least one byte at a time. */
    private abstract static class ArrayStream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public final int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            return len == 0 ? 0 : readSome(b, off, len);
        }

        /** Reads at least one byte of {@code len > 0}, or -1 at the end. */
        abstract int readSome(byte[] b, int off, int len) throws IOException;
    }

    /**
     * The connection's bytes as a stream over the same reads as the channel: the body ({@code framed}), or all
     * bytes after the head, for the chunk decoder. Closing the framed one releases the exchange; the chunk decoder
     * releases it itself (only it knows where the body ended).
     */
    private final class WireStream extends ArrayStream {
        private final boolean framed;

        WireStream(boolean framed) {
            this.framed = framed;
        }

        @Override
        int readSome(byte[] b, int off, int len) throws IOException {
            ByteBuffer into = ByteBuffer.wrap(b, off, len);
            return framed ? readBody(into, true) : wire.read(into, true);
        }

        @Override
        public int available() {
            int buffered = wire.buffered().remaining();
            return framed ? (int) Math.min(buffered, remaining) : buffered;
        }

        @Override
        public void close() {
            // a body until the close never ends cleanly; an unframed stream belongs to a chunk decoder
            release(framed && remaining == 0 && !cutShort && !untilClose);
        }
    }

    /**
     * A chunked body decoded (RFC 9112 section 7.1): size lines of at most 15 hex digits, extensions ignored,
     * trailers read and dropped. A connection that ends before the last chunk is an {@link EOFException}: unlike
     * a fixed length, nobody else knows where the body should end.
     */
    private final class ChunkedStream extends ArrayStream {
        private static final int MAX_LINE = 4096;

        private final InputStream in;
        private long chunkLeft;
        private boolean done;

        ChunkedStream(InputStream in) {
            this.in = in;
        }

        @Override
        int readSome(byte[] b, int off, int len) throws IOException {
            if (chunkLeft == 0 && !nextChunk()) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, chunkLeft));
            if (n < 0) {
                throw new EOFException("the chunked body from " + host + " ended early");
            }
            chunkLeft -= n;
            if (chunkLeft == 0) {
                expectCrlf();
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return done ? 0 : (int) Math.min(in.available(), chunkLeft);
        }

        /** Reads the next size line: false after the last chunk and its trailers. */
        private boolean nextChunk() throws IOException {
            if (done) {
                return false;
            }
            long size = Http1.chunkSize(line());
            if (size < 0) {
                throw new ProtocolException("bad chunk size from " + host);
            }
            if (size > 0) {
                chunkLeft = size;
                return true;
            }
            int trailerBytes = 0;
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                trailerBytes += trailer.length();
                if (trailerBytes > Http1.MAX_HEAD) {
                    throw new ProtocolException("chunked trailers too large from " + host);
                }
            }
            done = true;
            return false;
        }

        private void expectCrlf() throws IOException {
            if (!line().isEmpty()) {
                throw new ProtocolException("chunk longer than its size from " + host);
            }
        }

        /** One CRLF-ended line, without the CRLF. */
        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            while (true) {
                int c = in.read();
                if (c < 0) {
                    throw new EOFException("the chunked body from " + host + " ended early");
                }
                if (c == '\n') {
                    if (line.length() == 0 || line.charAt(line.length() - 1) != '\r') {
                        throw new ProtocolException("bare LF in a chunked body from " + host);
                    }
                    line.setLength(line.length() - 1);
                    return line.toString();
                }
                if (line.length() >= MAX_LINE) {
                    throw new ProtocolException("chunk line too long from " + host);
                }
                line.append((char) c);
            }
        }

        @Override
        public void close() throws IOException {
            // the decoder's buffer may hold bytes past the last chunk: those make the connection unclean too
            boolean complete = done && in.available() == 0;
            release(complete);
            in.close();
        }
    }
}
