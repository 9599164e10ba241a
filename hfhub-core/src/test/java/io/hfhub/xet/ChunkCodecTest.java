package io.hfhub.xet;

import static io.hfhub.xet.XetBytes.chunk;
import static io.hfhub.xet.XetBytes.lz4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.XetProtocolException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChunkCodecTest {
    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /** Byte grouping by 4, written here from the format's description, independently of the testkit. */
    private static byte[] group4(byte[] data) {
        byte[] out = new byte[data.length];
        int to = 0;
        for (int k = 0; k < 4; k++) {
            for (int i = k; i < data.length; i += 4) {
                out[to++] = data[i];
            }
        }
        return out;
    }

    @Test
    void decodesTheThreeSchemesInOneRun() {
        byte[] a = bytes(1000);
        byte[] b = bytes(4099);
        byte[] c = bytes(7);
        byte[] lz = lz4(b);
        byte[] bg = lz4(group4(c));
        byte[] run = concat(chunk(0, a.length, 0, a.length, a), chunk(0, lz.length, 1, b.length, lz),
                chunk(0, bg.length, 2, c.length, bg));
        List<byte[]> chunks = ChunkCodec.decode(run, 3, "test");
        assertThat(chunks).containsExactly(a, b, c);
    }

    @Test
    void ungroupsEveryRemainderOfFour() {
        for (int n = 0; n < 12; n++) {
            byte[] data = bytes(n);
            assertThat(ChunkCodec.ungroup4(group4(data))).isEqualTo(data);
        }
    }

    @Test
    void refusesWhatTheFormatForbids() {
        byte[] a = bytes(10);
        assertThatThrownBy(() -> ChunkCodec.decode(chunk(1, 10, 0, 10, a), 1, "t")).isInstanceOf(XetProtocolException.class)
                .hasMessageContaining("version");
        assertThatThrownBy(() -> ChunkCodec.decode(chunk(0, 10, 3, 10, a), 1, "t")).hasMessageContaining("scheme");
        assertThatThrownBy(() -> ChunkCodec.decode(chunk(0, 10, 0, 9, a), 1, "t")).hasMessageContaining("differ");
        assertThatThrownBy(() -> ChunkCodec.decode(chunk(0, 20, 0, 20, a), 1, "t")).hasMessageContaining("longer");
        assertThatThrownBy(() -> ChunkCodec.decode(chunk(0, 10, 0, 10, a), 2, "t")).hasMessageContaining("ends before");
        assertThatThrownBy(() -> ChunkCodec.decode(chunk(0, 10, 1, 10, a), 1, "t")).hasMessageContaining("LZ4");
        byte[] lz = lz4(bytes(100));
        assertThatThrownBy(() -> ChunkCodec.decode(chunk(0, lz.length, 1, 101, lz), 1, "t"))
                .hasMessageContaining("announced");
        assertThatThrownBy(() -> ChunkCodec.decode(chunk(0, 10, 0, ChunkCodec.MAX_CHUNK + 1, a), 1, "t"))
                .hasMessageContaining("over the format's");
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
