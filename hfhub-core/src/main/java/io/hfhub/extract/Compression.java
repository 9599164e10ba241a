package io.hfhub.extract;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * The stream compressions hfhub decodes: one decoder per format behind one factory method, as Commons
 * Compress' {@code CompressorStreamFactory} does. Each is recognised by its magic bytes alone.
 */
enum Compression {
    NONE,
    GZIP,
    XZ,
    BZIP2,
    ZSTD;

    /** Decoder input buffer: large enough that the native inflater is called rarely per MiB. */
    private static final int GZIP_BUFFER = 64 * 1024;

    /** The compression whose magic bytes start {@code head}, or {@link #NONE}. */
    static Compression sniff(byte[] head, int length) {
        if (startsWith(head, length, 0x1f, 0x8b)) {
            return GZIP;
        }
        if (startsWith(head, length, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
            return XZ;
        }
        // "BZh" then the block size digit 1-9
        if (startsWith(head, length, 'B', 'Z', 'h') && length > 3 && head[3] >= '1' && head[3] <= '9') {
            return BZIP2;
        }
        if (startsWith(head, length, 0x28, 0xb5, 0x2f, 0xfd)) {
            return ZSTD;
        }
        return NONE;
    }

    /**
     * Wraps {@code raw} in this format's decoder. Every decoder reads concatenated streams (pigz, pbzip2 and
     * {@code xz -T} write several), and verifies the format's own checksum.
     *
     * @throws io.hfhub.MissingDependencyException if the decoder's optional library is not on the class path
     */
    InputStream decompress(InputStream raw) throws IOException {
        ExtractionLibrary.require(ExtractionLibrary.requiredFor(this), "decoding " + this + " data");
        switch (this) {
            case NONE:
                return raw;
            case GZIP:
                // The JDK decoder calls native zlib with a 64 KiB input buffer; it reads concatenated members.
                return new GZIPInputStream(raw, GZIP_BUFFER);
            case XZ:
                return CompressDecoders.xz(raw);
            case BZIP2:
                return CompressDecoders.bzip2(raw);
            case ZSTD:
                return CompressDecoders.zstd(raw);
            default:
                throw new AssertionError(this);
        }
    }

    private static boolean startsWith(byte[] head, int length, int... magic) {
        if (length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
