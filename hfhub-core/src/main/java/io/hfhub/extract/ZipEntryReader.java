package io.hfhub.extract;

import static io.hfhub.extract.EntryNames.unsafe;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.function.LongSupplier;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * Reads a zip through its central directory ({@link ZipFile}, random access), not by scanning local
 * headers: the central directory is what every unzip trusts, so names, types and modes come from it and the
 * local headers only locate the data. Entries are visited in physical order to keep reads sequential, and
 * each entry's CRC-32 is checked as its content is read.
 *
 * <p>Stored and deflated entries, nearly all zips, bypass {@code ZipFile.getInputStream}: its inflater reads
 * 512 bytes at a time through an 8 KiB buffer, which made extraction 1.5× slower than unzip. Here the raw
 * bytes come by positional reads on the {@link FileChannel} into one reused native inflater with a 64 KiB
 * input buffer. The raw bytes are counted for the compression-ratio limit; the other methods' decoders count
 * theirs.
 */
final class ZipEntryReader implements EntryReader {
    /** A symbolic link's target is its content; longer than PATH_MAX it is not a real link. */
    private static final int MAX_LINK_TARGET = 4096;

    private static final int INFLATER_BUFFER = 64 * 1024;
    /** Inflater(nowrap) wants one byte past the deflate data (see its Javadoc); Commons Compress adds it too. */
    private static final byte[] DUMMY_BYTE = {0};

    private final ZipFile zip;
    private final Enumeration<ZipArchiveEntry> entries;
    private final Inflater inflater = new Inflater(true);
    private ZipArchiveEntry current;
    private InputStream currentContent;
    /** The compressed bytes read of the current entry, whichever decoder reads them; null before content(). */
    private LongSupplier currentRead;
    private long rawBytesOfEarlierEntries;
    /** The real size: however the central directory is crafted, no more than this many bytes were read. */
    private final long archiveSize;
    /** Where the previous entry's compressed data ends; an entry starting before it overlaps it. */
    private long previousDataEnd;

    /** Reads the zip in {@code channel}; a {@link FileChannel} lets {@link ZipFile} use positional reads. */
    ZipEntryReader(FileChannel channel) throws IOException {
        this.zip = ZipFile.builder().setSeekableByteChannel(channel).setCharset(StandardCharsets.UTF_8).get();
        this.entries = zip.getEntriesInPhysicalOrder();
        this.archiveSize = channel.size();
    }

    /**
     * The compressed bytes read so far (the central directory is not counted), capped at the archive's size:
     * central-directory records sharing one entry's data would otherwise count it once per record.
     */
    long archiveBytesRead() {
        return Math.min(archiveSize, rawBytesOfEarlierEntries + (currentRead != null ? currentRead.getAsLong() : 0));
    }

    @Override
    public ArchiveItem next() throws IOException {
        closeContent();
        if (!entries.hasMoreElements()) {
            current = null;
            return null;
        }
        current = entries.nextElement();
        refuseOverlap(current);
        ArchiveItem.Kind kind = kindOf(current);
        String linkTarget = kind == ArchiveItem.Kind.SYMLINK ? readLinkTarget() : null;
        long time = current.getTime();
        return new ArchiveItem(current.getName(), kind, linkTarget, permissionBits(current), time);
    }

    /**
     * Refuses an entry whose data starts inside the previous entry's data. Honest zips never overlap; many
     * records pointing at one compressed block are the "overlapping zip bomb", which expands that block
     * once per record.
     */
    private void refuseOverlap(ZipArchiveEntry entry) throws IOException {
        if (zip.getRawInputStream(entry) == null) { // resolves the data offset from the local header
            throw new IOException("entry '" + entry.getName() + "' has no readable local header");
        }
        long start = entry.getDataOffset();
        if (start < previousDataEnd) {
            throw unsafe(entry.getName(), "shares its compressed data with the entry before it (overlapping "
                    + "entries, a decompression-bomb technique)");
        }
        previousDataEnd = start + entry.getCompressedSize();
    }

    @Override
    public InputStream content() throws IOException {
        if (currentContent == null) {
            if (!zip.canReadEntryData(current)) {
                throw new IOException("entry '" + current.getName()
                        + "' is encrypted or uses an unsupported compression method (" + current.getMethod() + ")");
            }
            currentContent = new CrcCheckingInputStream(decoded(current), current.getCrc(), current.getName());
        }
        return currentContent;
    }

    private InputStream decoded(ZipArchiveEntry entry) throws IOException {
        ZipMethod method = ZipMethod.getMethodByCode(entry.getMethod());
        if (method != ZipMethod.STORED && method != ZipMethod.DEFLATED) {
            // bzip2, deflate64, xz, zstd…: rare, Commons Compress' own decoders, which count what they read; xz
            // and zstd entries need the optional jars behind them
            if (method == ZipMethod.XZ || method == ZipMethod.ZSTD || method == ZipMethod.ZSTD_DEPRECATED) {
                ExtractionLibrary.require(ExtractionLibrary.requiredFor(
                        method == ZipMethod.XZ ? Compression.XZ : Compression.ZSTD), "the zip entry '" + entry.getName() + "'");
            }
            InputStream decoder = zip.getInputStream(entry);
            if (!(decoder instanceof InputStreamStatistics statistics)) {
                throw new IOException("entry '" + entry.getName() + "': no byte count from the decoder for method "
                        + entry.getMethod() + ", so the compression-ratio limit could not apply");
            }
            currentRead = statistics::getCompressedCount;
            return decoder;
        }
        CountingInputStream raw = new CountingInputStream(zip.getRawInputStream(entry));
        currentRead = raw::count;
        if (method == ZipMethod.STORED) {
            return raw;
        }
        inflater.reset();
        return new InflaterInputStream(new SequenceInputStream(raw, new ByteArrayInputStream(DUMMY_BYTE)),
                inflater, INFLATER_BUFFER);
    }

    @Override
    public void close() throws IOException {
        try {
            closeContent();
        } finally {
            inflater.end();
            zip.close();
        }
    }

    private void closeContent() throws IOException {
        if (currentRead != null) {
            rawBytesOfEarlierEntries += currentRead.getAsLong(); // before close: bzip2 forgets its count then
            currentRead = null;
        }
        if (currentContent != null) {
            currentContent.close(); // closes only the raw stream: an InflaterInputStream given an inflater leaves it
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
