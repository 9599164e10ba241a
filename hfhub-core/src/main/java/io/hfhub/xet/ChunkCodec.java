package io.hfhub.xet;

import io.hfhub.XetProtocolException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import net.jpountz.lz4.LZ4FrameInputStream;

/**
 * The xorb's chunk format: each chunk is an 8-byte header (version 0; compressed length, 3 bytes little-endian;
 * compression scheme; uncompressed length, 3 bytes little-endian) and that many compressed bytes. Schemes: 0 none,
 * 1 LZ4 (frame format), 2 ByteGrouping4LZ4 (the bytes regrouped by their position in each 4-byte word, then LZ4).
 *
 * <p>The bytes come from the network or the local chunk cache and are untrusted: a header may claim up to 16 MiB,
 * but the format caps a chunk at {@value #MAX_CHUNK} bytes, so more is refused before any allocation; a compressed
 * chunk is decompressed into exactly its announced length and must end there (a decompression bomb stops at
 * {@value #MAX_CHUNK} + 1 bytes); the chunks asked for must use the bytes exactly.
 */
final class ChunkCodec {
    static final int HEADER_SIZE = 8;
    /** The chunker's maximum chunk (128 KiB); the xorb spec says no chunk is larger, compressed or not. */
    static final int MAX_CHUNK = 128 * 1024;

    private ChunkCodec() {}

    /** The {@code count} chunks serialized in {@code data}, decoded; {@code what} names them in errors. */
    static List<byte[]> decode(byte[] data, int count, String what) {
        List<byte[]> chunks = new ArrayList<>(count);
        int pos = 0;
        for (int i = 0; i < count; i++) {
            if (data.length - pos < HEADER_SIZE) {
                throw bad(what, "ends before chunk " + i + " of " + count);
            }
            int version = data[pos] & 0xff;
            int compressed = le24(data, pos + 1);
            int scheme = data[pos + 4] & 0xff;
            int uncompressed = le24(data, pos + 5);
            pos += HEADER_SIZE;
            if (version != 0) {
                throw bad(what, "has a chunk of unknown version " + version);
            }
            if (uncompressed > MAX_CHUNK || compressed > MAX_CHUNK + 1024) {
                throw bad(what, "has a chunk header claiming " + Math.max(uncompressed, compressed)
                        + " bytes, over the format's " + MAX_CHUNK);
            }
            if (compressed > data.length - pos) {
                throw bad(what, "has a chunk longer than the bytes sent");
            }
            chunks.add(decompress(data, pos, compressed, scheme, uncompressed, what));
            pos += compressed;
        }
        if (pos != data.length) {
            throw bad(what, "has " + (data.length - pos) + " bytes after its " + count + " chunks");
        }
        return chunks;
    }

    private static byte[] decompress(byte[] data, int offset, int length, int scheme, int uncompressed, String what) {
        switch (scheme) {
            case 0:
                if (length != uncompressed) {
                    throw bad(what, "has an uncompressed chunk whose two lengths differ");
                }
                return java.util.Arrays.copyOfRange(data, offset, offset + length);
            case 1:
                return lz4(data, offset, length, uncompressed, what);
            case 2:
                return ungroup4(lz4(data, offset, length, uncompressed, what));
            default:
                throw bad(what, "has a chunk of unknown compression scheme " + scheme);
        }
    }

    /** Exactly {@code uncompressed} bytes out of the LZ4 frame, which must end there. */
    private static byte[] lz4(byte[] data, int offset, int length, int uncompressed, String what) {
        try (InputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(data, offset, length))) {
            byte[] out = new byte[uncompressed];
            int n = in.readNBytes(out, 0, uncompressed);
            if (n != uncompressed || in.read() != -1) {
                throw bad(what, "has an LZ4 chunk that does not decompress to its announced " + uncompressed + " bytes");
            }
            return out;
        } catch (IOException | RuntimeException e) {
            if (e instanceof XetProtocolException p) {
                throw p;
            }
            throw new XetProtocolException("a Xet chunk of " + what + " is not valid LZ4: " + e.getMessage()
                    + "; nothing was written to the cache", e);
        }
    }

    /** Undoes byte grouping: group {@code k} holds the bytes at positions {@code k mod 4}, groups in order. */
    static byte[] ungroup4(byte[] grouped) {
        int n = grouped.length;
        byte[] out = new byte[n];
        int from = 0;
        for (int k = 0; k < 4; k++) {
            for (int i = k; i < n; i += 4) {
                out[i] = grouped[from++];
            }
        }
        return out;
    }

    private static int le24(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16;
    }

    private static XetProtocolException bad(String what, String problem) {
        return new XetProtocolException("the Xet data of " + what + " " + problem + "; nothing was written to the cache");
    }
}
