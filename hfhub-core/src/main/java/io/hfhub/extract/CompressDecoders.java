package io.hfhub.extract;

import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * The decoders that come from the optional Commons Compress (and, behind it, xz and zstd-jni). They live
 * apart from {@link Compression} because the JVM's verifier loads every class a method returns as an
 * {@link InputStream}: kept in {@link Compression}, they would make a plain gzip extraction fail without
 * these jars. Called only after {@link ExtractionLibrary#require} passed.
 */
final class CompressDecoders {
    /**
     * Memory the xz decoder may claim (KiB). {@code xz -9} needs 65 MiB; a header declaring a 4 GiB
     * dictionary would otherwise be a memory bomb.
     */
    private static final int XZ_MEMORY_LIMIT_KIB = 512 * 1024;

    private CompressDecoders() {}

    static InputStream xz(InputStream raw) throws IOException {
        return new XZCompressorInputStream(raw, true, XZ_MEMORY_LIMIT_KIB);
    }

    static InputStream bzip2(InputStream raw) throws IOException {
        return new BZip2CompressorInputStream(raw, true);
    }

    static InputStream zstd(InputStream raw) throws IOException {
        return new ZstdCompressorInputStream(raw);
    }
}
