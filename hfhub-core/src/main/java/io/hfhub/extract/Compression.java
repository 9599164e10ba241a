package io.hfhub.extract;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

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
    /**
     * Memory the xz decoder may claim (KiB). {@code xz -9} needs 65 MiB; a header declaring a 4 GiB
     * dictionary would otherwise be a memory bomb.
     */
    private static final int XZ_MEMORY_LIMIT_KIB = 512 * 1024;

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
     */
    InputStream decompress(InputStream raw) throws IOException {
        switch (this) {
            case NONE:
                return raw;
            case GZIP:
                // The JDK decoder calls native zlib with a 64 KiB input buffer; it reads concatenated members.
                return new GZIPInputStream(raw, GZIP_BUFFER);
            case XZ:
                return new XZCompressorInputStream(raw, true, XZ_MEMORY_LIMIT_KIB);
            case BZIP2:
                return new BZip2CompressorInputStream(raw, true);
            case ZSTD:
                return new ZstdCompressorInputStream(raw);
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
