package io.hfhub.transfer;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a response body in large chunks for the transfers. A chunk ends when the buffer is full, when the
 * network has nothing more buffered (after at least 64 KiB), or at the end of the stream. Bytes that arrived
 * before a failure are returned first and the failure is thrown by the next call, so they count as progress
 * and are not fetched again.
 */
final class ChunkReader {
    private static final int HAND_OVER_AFTER = 64 * 1024;

    private final InputStream in;
    private IOException pendingFailure;

    ChunkReader(InputStream in) {
        this.in = in;
    }

    /** Bytes read into {@code buffer} from index 0, or -1 at the end of the stream with nothing read. */
    int read(byte[] buffer) throws IOException {
        return read(buffer, buffer.length);
    }

    /** At most {@code length} bytes read into {@code buffer} from index 0, or -1 at the end of the stream. */
    int read(byte[] buffer, int length) throws IOException {
        if (pendingFailure != null) {
            IOException e = pendingFailure;
            pendingFailure = null;
            throw e;
        }
        int filled = 0;
        try {
            while (filled < length) {
                int n = in.read(buffer, filled, length - filled);
                if (n < 0) {
                    return filled == 0 ? -1 : filled;
                }
                filled += n;
                if (filled < length && filled >= HAND_OVER_AFTER && in.available() == 0) {
                    break; // hand over what we have rather than wait for the network (a full buffer needs no ioctl)
                }
            }
        } catch (IOException e) {
            if (filled == 0) {
                throw e;
            }
            pendingFailure = e;
        }
        return filled;
    }
}
