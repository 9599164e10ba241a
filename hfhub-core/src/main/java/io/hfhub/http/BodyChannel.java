package io.hfhub.http;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A response body read straight into the caller's buffers: into a direct buffer the bytes go from the socket to
 * the file and the hash without a copy through the Java heap. Offered by {@link HubResponse#channel()} when the
 * transport can (plain HTTP without a proxy); the body's {@link java.io.InputStream} reads the same bytes, so a
 * caller uses one or the other.
 */
public interface BodyChannel {
    /**
     * Reads at least one byte into {@code dst} (from its position up to its limit), waiting for the network when
     * none has arrived: -1 at the end of the body, which is also where a connection that closed before the
     * announced length ends (the caller knows how many bytes it asked for). 0 only when {@code dst} is full. A wait
     * longer than the read timeout fails with a {@link java.net.SocketTimeoutException} (the stall detector); a
     * cancelled response fails at once, an interrupted thread with an {@link java.io.InterruptedIOException}.
     */
    int read(ByteBuffer dst) throws IOException;

    /** Reads what has already arrived, without waiting: 0 when nothing has, -1 at the end of the body. */
    int readAvailable(ByteBuffer dst) throws IOException;
}
