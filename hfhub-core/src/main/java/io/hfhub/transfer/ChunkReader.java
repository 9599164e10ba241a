package io.hfhub.transfer;

import io.hfhub.http.BodyChannel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads a response body in large chunks for the transfers. A chunk ends when the buffer is full, when the
 * network has nothing more buffered (after at least 64 KiB), or at the end of the stream. Bytes that arrived
 * before a failure are returned first and the failure is thrown by the next call, so they count as progress
 * and are not fetched again. A body with a {@link BodyChannel} is read straight into the buffer (a direct one:
 * no copy through the heap); otherwise through its stream, into the buffer's array.
 */
final class ChunkReader {
    private static final int HAND_OVER_AFTER = 64 * 1024;

    private final InputStream in;
    private final BodyChannel channel;
    private byte[] scratch; // a stream read into a direct buffer goes through it
    private IOException pendingFailure;

    /** @param channel the body as a channel, or null to read {@code in} */
    ChunkReader(InputStream in, BodyChannel channel) {
        this.in = in;
        this.channel = channel;
    }

    /**
     * At most {@code length} bytes read into {@code buffer} from index 0, which is then flipped (position 0, limit
     * the count): the count, or -1 at the end of the stream with nothing read.
     */
    int read(ByteBuffer buffer, int length) throws IOException {
        if (pendingFailure != null) {
            IOException e = pendingFailure;
            pendingFailure = null;
            buffer.clear().flip();
            throw e;
        }
        buffer.clear().limit(length);
        try {
            while (buffer.hasRemaining()) {
                int n;
                if (channel != null) {
                    // past 64 KiB, only what has arrived: hand over what we have rather than wait for the network
                    n = buffer.position() >= HAND_OVER_AFTER ? channel.readAvailable(buffer) : channel.read(buffer);
                    if (n == 0) {
                        break;
                    }
                } else {
                    n = readStream(buffer);
                }
                if (n < 0) {
                    if (buffer.position() == 0) {
                        buffer.flip();
                        return -1;
                    }
                    break;
                }
                if (channel == null && buffer.position() >= HAND_OVER_AFTER && buffer.hasRemaining()
                        && in.available() == 0) {
                    break; // the same for a stream (a full buffer needs no ioctl)
                }
            }
        } catch (IOException e) {
            if (buffer.position() == 0) {
                buffer.flip(); // empty, never a cleared buffer that looks full
                throw e;
            }
            pendingFailure = e;
        }
        buffer.flip();
        return buffer.limit();
    }

    private int readStream(ByteBuffer buffer) throws IOException {
        if (buffer.hasArray()) {
            int n = in.read(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            if (n > 0) {
                buffer.position(buffer.position() + n);
            }
            return n;
        }
        if (scratch == null) {
            scratch = new byte[HAND_OVER_AFTER];
        }
        int n = in.read(scratch, 0, Math.min(scratch.length, buffer.remaining()));
        if (n > 0) {
            buffer.put(scratch, 0, n);
        }
        return n;
    }
}
