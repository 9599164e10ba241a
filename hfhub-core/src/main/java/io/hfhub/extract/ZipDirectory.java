package io.hfhub.extract;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Counts a zip's entries from its central directory before anything else reads it. Commons Compress'
 * {@code ZipFile} loads the whole central directory into memory when it opens a zip (a million entries: over a
 * minute and more than a gigabyte), so the entry limit must be checked first, here, by walking the directory's
 * fixed-size headers with constant memory. The walk follows the records as {@code ZipFile} will (from the
 * directory's start while the header signature matches), so an end record lying about the count changes
 * nothing.
 */
final class ZipDirectory {
    private static final int EOCD_SIG = 0x06054b50;
    private static final int ZIP64_LOCATOR_SIG = 0x07064b50;
    private static final int ZIP64_EOCD_SIG = 0x06064b50;
    private static final int CENTRAL_HEADER_SIG = 0x02014b50;
    private static final int EOCD_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    private static final int CENTRAL_HEADER_SIZE = 46;

    private ZipDirectory() {}

    /**
     * The number of central-directory records of {@code zip}, counting no further than {@code stopAfter} + 1;
     * -1 when no end-of-central-directory record is found (then the zip reader reports the damage).
     */
    static long countEntries(Path zip, long stopAfter) throws IOException {
        try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.READ)) {
            long start = directoryStart(channel);
            if (start < 0 || start >= channel.size()) {
                return -1;
            }
            channel.position(start);
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024);
            byte[] header = new byte[CENTRAL_HEADER_SIZE];
            ByteBuffer fields = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            long count = 0;
            while (count <= stopAfter) {
                if (in.readNBytes(header, 0, header.length) < header.length || fields.getInt(0) != CENTRAL_HEADER_SIG) {
                    break;
                }
                count++;
                long variable = Short.toUnsignedLong(fields.getShort(28)) + Short.toUnsignedLong(fields.getShort(30))
                        + Short.toUnsignedLong(fields.getShort(32)); // name, extra field, comment
                try {
                    in.skipNBytes(variable);
                } catch (EOFException truncated) {
                    break;
                }
            }
            return count;
        }
    }

    /** Where the central directory starts, from the (zip64) end record; -1 when there is none. */
    private static long directoryStart(FileChannel channel) throws IOException {
        long size = channel.size();
        int tail = (int) Math.min(size, EOCD_SIZE + MAX_COMMENT);
        ByteBuffer buffer = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, buffer, size - tail);
        for (int i = tail - EOCD_SIZE; i >= 0; i--) {
            if (buffer.getInt(i) != EOCD_SIG) {
                continue;
            }
            long offset = Integer.toUnsignedLong(buffer.getInt(i + 16));
            long eocdAt = size - tail + i;
            if (offset == 0xFFFFFFFFL && eocdAt >= 20) {
                return zip64DirectoryStart(channel, eocdAt - 20);
            }
            return offset;
        }
        return -1;
    }

    private static long zip64DirectoryStart(FileChannel channel, long locatorAt) throws IOException {
        ByteBuffer locator = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, locator, locatorAt);
        if (locator.getInt(0) != ZIP64_LOCATOR_SIG) {
            return -1;
        }
        long eocd64At = locator.getLong(8);
        if (eocd64At < 0 || eocd64At > channel.size() - 56) {
            return -1;
        }
        ByteBuffer eocd64 = ByteBuffer.allocate(56).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, eocd64, eocd64At);
        return eocd64.getInt(0) == ZIP64_EOCD_SIG ? eocd64.getLong(48) : -1;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("the zip ends early");
            }
        }
    }
}
