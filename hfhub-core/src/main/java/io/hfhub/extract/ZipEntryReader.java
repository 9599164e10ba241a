package io.hfhub.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Reads a zip through its central directory ({@link ZipFile}, random access), not by scanning local
 * headers: the central directory is what every unzip trusts, so names, types and modes come from it and the
 * local headers only locate the data. Entries are visited in physical order to keep reads sequential, and
 * each entry's CRC-32 is checked as its content is read.
 */
final class ZipEntryReader implements EntryReader {
    /** A symbolic link's target is its content; longer than PATH_MAX it is not a real link. */
    private static final int MAX_LINK_TARGET = 4096;

    private final ZipFile zip;
    private final Enumeration<ZipArchiveEntry> entries;
    private ZipArchiveEntry current;
    private InputStream currentContent;

    ZipEntryReader(SeekableByteChannel channel) throws IOException {
        this.zip = ZipFile.builder().setSeekableByteChannel(channel).setCharset(StandardCharsets.UTF_8).get();
        this.entries = zip.getEntriesInPhysicalOrder();
    }

    @Override
    public ArchiveItem next() throws IOException {
        closeContent();
        if (!entries.hasMoreElements()) {
            current = null;
            return null;
        }
        current = entries.nextElement();
        ArchiveItem.Kind kind = kindOf(current);
        String linkTarget = kind == ArchiveItem.Kind.SYMLINK ? readLinkTarget() : null;
        long time = current.getTime();
        return new ArchiveItem(current.getName(), kind, linkTarget, permissionBits(current), time);
    }

    @Override
    public InputStream content() throws IOException {
        if (currentContent == null) {
            if (!zip.canReadEntryData(current)) {
                throw new IOException("entry '" + current.getName()
                        + "' is encrypted or uses an unsupported compression method (" + current.getMethod() + ")");
            }
            currentContent = new CrcCheckingInputStream(zip.getInputStream(current), current.getCrc(), current.getName());
        }
        return currentContent;
    }

    @Override
    public void close() throws IOException {
        try {
            closeContent();
        } finally {
            zip.close();
        }
    }

    private void closeContent() throws IOException {
        if (currentContent != null) {
            currentContent.close();
            currentContent = null;
        }
    }

    private String readLinkTarget() throws IOException {
        byte[] target = content().readNBytes(MAX_LINK_TARGET + 1);
        if (target.length > MAX_LINK_TARGET) {
            throw new IOException("symbolic link '" + current.getName() + "' has a target longer than " + MAX_LINK_TARGET + " bytes");
        }
        return new String(target, StandardCharsets.UTF_8);
    }

    /** Unix file-type bits are only present when the archive was made on Unix (platform 3). */
    private static ArchiveItem.Kind kindOf(ZipArchiveEntry entry) {
        int type = entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() & 0170000 : 0;
        switch (type) {
            case 0120000:
                return ArchiveItem.Kind.SYMLINK;
            case 0020000:
                return ArchiveItem.Kind.CHARACTER_DEVICE;
            case 0060000:
                return ArchiveItem.Kind.BLOCK_DEVICE;
            case 0010000:
                return ArchiveItem.Kind.FIFO;
            case 0140000:
                return ArchiveItem.Kind.OTHER; // socket
            default:
                return entry.isDirectory() ? ArchiveItem.Kind.DIRECTORY : ArchiveItem.Kind.FILE;
        }
    }

    private static int permissionBits(ZipArchiveEntry entry) {
        return entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX ? entry.getUnixMode() & 07777 : 0;
    }
}
