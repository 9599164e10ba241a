package io.hfhub.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.http.BodyChannel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

/** How a body is cut into chunks, through its channel (into direct buffers) or its stream. */
class ChunkReaderTest {
    private static final int KIB = 1024;

    /**
     * A body as the socket delivers it: each element one arrival; {@code read} waits for the next arrival,
     * {@code readAvailable} takes only what has arrived (nothing between arrivals); {@link #fail} a broken connection.
     */
    private static final class Arrivals implements BodyChannel {
        private static final byte[] BROKEN = new byte[0];
        private final Deque<byte[]> arrivals = new ArrayDeque<>();
        private ByteBuffer current = ByteBuffer.allocate(0);
        private boolean arrivedNow; // an arrival is being read: what is left of it is available

        Arrivals add(int size) {
            arrivals.add(new byte[size]);
            return this;
        }

        Arrivals fail() {
            arrivals.add(BROKEN);
            return this;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (!current.hasRemaining()) {
                if (arrivals.isEmpty()) {
                    return -1;
                }
                byte[] next = arrivals.poll();
                if (next == BROKEN) {
                    throw new IOException("connection reset");
                }
                current = ByteBuffer.wrap(next);
                arrivedNow = true;
            }
            return readAvailable(dst);
        }

        @Override
        public int readAvailable(ByteBuffer dst) {
            if (!current.hasRemaining()) {
                arrivedNow = false;
                return arrivals.isEmpty() ? -1 : 0;
            }
            int n = Math.min(dst.remaining(), current.remaining());
            dst.put(current.slice().limit(n));
            current.position(current.position() + n);
            return n;
        }
    }

    @Test
    void aChannelFillsTheBufferUntilNothingMoreHasArrivedPast64KiB() throws IOException {
        ChunkReader reader = new ChunkReader(InputStream.nullInputStream(),
                new Arrivals().add(40 * KIB).add(30 * KIB).add(100 * KIB));
        ByteBuffer buffer = ByteBuffer.allocateDirect(256 * KIB);

        // 40 KiB is under the hand-over point: wait for the next arrival; past it, hand over what is there
        assertThat(reader.read(buffer, buffer.capacity())).isEqualTo(70 * KIB);
        assertThat(buffer.position()).isZero();
        assertThat(buffer.limit()).isEqualTo(70 * KIB);
        assertThat(reader.read(buffer, buffer.capacity())).isEqualTo(100 * KIB);
        assertThat(reader.read(buffer, buffer.capacity())).isEqualTo(-1);
        assertThat(buffer.hasRemaining()).isFalse();
    }

    @Test
    void aChannelReadStopsAtTheLengthAsked() throws IOException {
        ChunkReader reader = new ChunkReader(InputStream.nullInputStream(), new Arrivals().add(200 * KIB));
        ByteBuffer buffer = ByteBuffer.allocateDirect(256 * KIB);

        assertThat(reader.read(buffer, 10 * KIB)).isEqualTo(10 * KIB);
        assertThat(reader.read(buffer, buffer.capacity())).isEqualTo(190 * KIB);
    }

    @Test
    void bytesBeforeAFailureComeFirstThenTheFailureWithAnEmptyBuffer() throws IOException {
        ChunkReader reader = new ChunkReader(InputStream.nullInputStream(), new Arrivals().add(10 * KIB).fail());
        ByteBuffer buffer = ByteBuffer.allocateDirect(256 * KIB);

        assertThat(reader.read(buffer, buffer.capacity())).isEqualTo(10 * KIB);
        assertThatThrownBy(() -> reader.read(buffer, buffer.capacity())).hasMessage("connection reset");
        // never a cleared buffer that looks full to a caller that goes on after the failure
        assertThat(buffer.hasRemaining()).isFalse();
    }

    @Test
    void aStreamIsReadIntoADirectBufferToo() throws IOException {
        byte[] body = new byte[150 * KIB];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        ChunkReader reader = new ChunkReader(new ByteArrayInputStream(body), null);
        ByteBuffer buffer = ByteBuffer.allocateDirect(256 * KIB);

        int n = reader.read(buffer, buffer.capacity());
        byte[] got = new byte[n];
        buffer.get(got);
        assertThat(got).isEqualTo(body);
    }
}
