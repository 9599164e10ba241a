package io.hfhub.extract;

import io.hfhub.ArchiveFormat;
import io.hfhub.MissingDependencyException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * Decides a file's {@link ArchiveFormat} from its content. Magic bytes are the truth and the file name only
 * a hint, because cache blobs have no extension and repository names can lie:
 * <ul>
 *   <li>zip, gzip, xz, bzip2 and zstd are recognised by their leading magic bytes, whatever the name says;
 *   <li>a compressed stream is a compressed <em>tar</em> when its first decompressed block is a tar header,
 *       so {@code x.gz} holding a tar extracts as a tree and {@code x.tar.gz} holding one file as that file;
 *   <li>a tar header is recognised by its {@code ustar} magic or, for pre-POSIX archives, by a valid header
 *       checksum; the name hint is used only for an all-zero first block, which is how an empty tar looks.
 * </ul>
 * Telling a compressed tar needs the compression's decoder, and a pre-POSIX tar header Commons Compress'
 * checksum: without the optional library, detection fails with {@link MissingDependencyException} rather
 * than guess (a guess would extract a tar as one file).
 */
public final class FormatDetector {
    static final int TAR_BLOCK = 512;
    /** Enough for a tar header and a gzip header with its original file name. */
    static final int HEAD_SIZE = 1024;
    /** Where a tar header stores its checksum, as octal digits. */
    private static final int CHECKSUM_OFFSET = 148;
    private static final int CHECKSUM_LENGTH = 8;

    private FormatDetector() {}

    /** The format of {@code file}, using {@code nameHint} (may be null) only where content cannot tell. */
    public static ArchiveFormat detect(Path file, String nameHint) throws IOException {
        byte[] head = readHead(file, HEAD_SIZE);
        if (isZip(head)) {
            return ArchiveFormat.ZIP;
        }
        boolean hintSaysTar = ArchiveFormat.fromFileName(nameHint).isTar();
        Compression compression = Compression.sniff(head, head.length);
        if (compression == Compression.NONE) {
            return isTarHeader(head, hintSaysTar) ? ArchiveFormat.TAR : ArchiveFormat.NONE;
        }
        return isTarHeader(firstDecompressedBlock(file, compression), hintSaysTar)
                ? tarFormat(compression) : singleFileFormat(compression);
    }

    /** Up to {@code size} bytes from the start of {@code file}; fewer for a shorter file. */
    static byte[] readHead(Path file, int size) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(size);
        }
    }

    /** The compression a format's stream uses; {@link Compression#NONE} for tar. */
    static Compression compressionOf(ArchiveFormat format) {
        return switch (format) {
            case TAR_GZ, GZ -> Compression.GZIP;
            case TAR_XZ, XZ -> Compression.XZ;
            case TAR_BZ2, BZ2 -> Compression.BZIP2;
            case TAR_ZST, ZST -> Compression.ZSTD;
            default -> Compression.NONE;
        };
    }

    private static boolean isZip(byte[] head) {
        // local file header, empty archive (end of central directory first), spanned-archive marker
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K'
                && ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) || (head[2] == 7 && head[3] == 8));
    }

    /**
     * The first tar block of the decompressed stream, or an empty array when the stream is shorter or does
     * not decode (a corrupt stream is then reported by the extraction of the single-file format).
     */
    private static byte[] firstDecompressedBlock(Path file, Compression compression) {
        // Two resources: when the decoder throws on a corrupt header, the file must still be closed.
        try (InputStream raw = Files.newInputStream(file); InputStream in = compression.decompress(raw)) {
            return in.readNBytes(TAR_BLOCK);
        } catch (MissingDependencyException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            return new byte[0];
        }
    }

    static boolean isTarHeader(byte[] block, boolean hintSaysTar) {
        if (block.length < TAR_BLOCK) {
            return false;
        }
        // POSIX "ustar\0" and GNU "ustar  " both start with these five bytes at offset 257.
        if (new String(block, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            return true;
        }
        if (block[0] != 0) {
            if (!hasOctalDigit(block, CHECKSUM_OFFSET, CHECKSUM_LENGTH)) {
                return false; // no stored checksum at all: not a tar header, and no library needed to say so
            }
            ExtractionLibrary.require(EnumSet.of(ExtractionLibrary.COMMONS_COMPRESS),
                    "telling whether a file without the ustar mark is a tar archive");
            try {
                return TarUtils.verifyCheckSum(block);
            } catch (IllegalArgumentException e) {
                return false; // the checksum field is not even octal
            }
        }
        return hintSaysTar && allZero(block);
    }

    private static boolean hasOctalDigit(byte[] block, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (block[i] >= '0' && block[i] <= '7') {
                return true;
            }
        }
        return false;
    }

    private static boolean allZero(byte[] block) {
        for (int i = 0; i < TAR_BLOCK; i++) {
            if (block[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static ArchiveFormat tarFormat(Compression compression) {
        return switch (compression) {
            case GZIP -> ArchiveFormat.TAR_GZ;
            case XZ -> ArchiveFormat.TAR_XZ;
            case BZIP2 -> ArchiveFormat.TAR_BZ2;
            case ZSTD -> ArchiveFormat.TAR_ZST;
            case NONE -> ArchiveFormat.TAR;
        };
    }

    private static ArchiveFormat singleFileFormat(Compression compression) {
        return switch (compression) {
            case GZIP -> ArchiveFormat.GZ;
            case XZ -> ArchiveFormat.XZ;
            case BZIP2 -> ArchiveFormat.BZ2;
            case ZSTD -> ArchiveFormat.ZST;
            case NONE -> ArchiveFormat.NONE;
        };
    }
}
