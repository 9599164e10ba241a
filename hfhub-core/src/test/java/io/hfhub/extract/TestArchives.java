package io.hfhub.extract;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** Builds test archives with Commons Compress, so every test makes exactly the hostile input it needs. */
final class TestArchives {
    private TestArchives() {}

    /** Writes a tar through {@code compression} ("", "gz", "xz", "bz2", "zst"). */
    static Path tar(Path out, String compression, TarBody body) throws IOException {
        try (OutputStream file = compressed(Files.newOutputStream(out), compression);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(file, StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            body.write(tar);
        }
        return out;
    }

    /** Writes a zip (zip64 as needed). */
    static Path zip(Path out, ZipBody body) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            body.write(zip);
        }
        return out;
    }

    /** Writes {@code data} compressed as one file. */
    static Path single(Path out, String compression, byte[] data) throws IOException {
        try (OutputStream file = compressed(Files.newOutputStream(out), compression)) {
            file.write(data);
        }
        return out;
    }

    /** A gzip file whose header records {@code originalName}. */
    static Path gzipWithName(Path out, String originalName, byte[] data) throws IOException {
        GzipParameters parameters = new GzipParameters();
        parameters.setFileName(originalName);
        try (OutputStream gz = new GzipCompressorOutputStream(Files.newOutputStream(out), parameters)) {
            gz.write(data);
        }
        return out;
    }

    static OutputStream compressed(OutputStream out, String compression) throws IOException {
        return switch (compression) {
            case "" -> out;
            case "gz" -> new GzipCompressorOutputStream(out);
            case "xz" -> new XZCompressorOutputStream(out, 1);
            case "bz2" -> new BZip2CompressorOutputStream(out, 1);
            case "zst" -> new ZstdCompressorOutputStream(out, 1);
            default -> throw new IllegalArgumentException(compression);
        };
    }

    static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
        file(tar, name, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    static void file(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(content.length);
        entry.setMode(mode);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    static void dir(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", true);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    static void symlink(TarArchiveOutputStream tar, String name, String target) throws IOException {
        link(tar, name, target, TarConstants.LF_SYMLINK);
    }

    static void hardlink(TarArchiveOutputStream tar, String name, String target) throws IOException {
        link(tar, name, target, TarConstants.LF_LINK);
    }

    private static void link(TarArchiveOutputStream tar, String name, String target, byte flag) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, flag, true);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    /** A header-only entry such as a device ({@link TarConstants#LF_CHR}) or fifo ({@link TarConstants#LF_FIFO}). */
    static void special(TarArchiveOutputStream tar, String name, byte flag) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, flag, true);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    static void zipFile(ZipArchiveOutputStream zip, String name, String content) throws IOException {
        zipFile(zip, name, content.getBytes(StandardCharsets.UTF_8));
    }

    static void zipFile(ZipArchiveOutputStream zip, String name, byte[] content) throws IOException {
        zip.putArchiveEntry(new ZipArchiveEntry(name));
        zip.write(content);
        zip.closeArchiveEntry();
    }

    static void zipDir(ZipArchiveOutputStream zip, String name) throws IOException {
        zip.putArchiveEntry(new ZipArchiveEntry(name.endsWith("/") ? name : name + "/"));
        zip.closeArchiveEntry();
    }

    static void zipSymlink(ZipArchiveOutputStream zip, String name, String target) throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setUnixMode(0120777);
        zip.putArchiveEntry(entry);
        zip.write(target.getBytes(StandardCharsets.UTF_8));
        zip.closeArchiveEntry();
    }

    /**
     * A zip written byte by byte, for what no zip writer makes: one local entry holding {@code data} as
     * stored by {@code method} (already compressed), then one central-directory record per name, every
     * record pointing at that one entry.
     */
    static Path handZip(Path out, int method, byte[] data, long crc, long size, List<String> names) throws IOException {
        byte[] first = names.get(0).getBytes(StandardCharsets.UTF_8);
        ByteBuffer zip = ByteBuffer.allocate(30 + first.length + data.length + names.size() * (46 + 256) + 22)
                .order(ByteOrder.LITTLE_ENDIAN);
        zip.putInt(0x04034b50).putShort((short) 46).putShort((short) 0).putShort((short) method)
                .putShort((short) 0).putShort((short) 0x21) // 1980-01-01 00:00
                .putInt((int) crc).putInt(data.length).putInt((int) size)
                .putShort((short) first.length).putShort((short) 0).put(first).put(data);
        int centralDirectory = zip.position();
        for (String name : names) {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            zip.putInt(0x02014b50).putShort((short) 46).putShort((short) 46).putShort((short) 0)
                    .putShort((short) method).putShort((short) 0).putShort((short) 0x21)
                    .putInt((int) crc).putInt(data.length).putInt((int) size)
                    .putShort((short) bytes.length).putShort((short) 0).putShort((short) 0) // extra, comment
                    .putShort((short) 0).putShort((short) 0).putInt(0) // disk, internal and external attributes
                    .putInt(0).put(bytes); // every record: the local header at offset 0
        }
        int end = zip.position();
        zip.putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) names.size()).putShort((short) names.size())
                .putInt(end - centralDirectory).putInt(centralDirectory).putShort((short) 0);
        Files.write(out, Arrays.copyOf(zip.array(), zip.position()));
        return out;
    }

    static long crc32(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    @FunctionalInterface
    interface TarBody {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    @FunctionalInterface
    interface ZipBody {
        void write(ZipArchiveOutputStream zip) throws IOException;
    }
}
