package io.hfhub.xet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;

/** Hand-made Xet bytes for tests: chunks with any header, honest or not. */
public final class XetBytes {
    private XetBytes() {}

    /** A serialized chunk: the 8-byte header (lengths little-endian, 3 bytes each) and its body. */
    public static byte[] chunk(int version, int compressedLength, int scheme, int uncompressedLength, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(version);
        out.write(compressedLength & 0xff);
        out.write(compressedLength >>> 8 & 0xff);
        out.write(compressedLength >>> 16 & 0xff);
        out.write(scheme);
        out.write(uncompressedLength & 0xff);
        out.write(uncompressedLength >>> 8 & 0xff);
        out.write(uncompressedLength >>> 16 & 0xff);
        out.writeBytes(body);
        return out.toByteArray();
    }

    public static byte[] lz4(byte[] data) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (FramedLZ4CompressorOutputStream lz4 = new FramedLZ4CompressorOutputStream(buffer)) {
            lz4.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

}
