package io.hfhub.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a tar stream (already decompressed). Commons Compress resolves GNU long names and PAX headers, so
 * names arrive whole; they are decoded as UTF-8, which PAX mandates and every current tar writes.
 */
final class TarEntryReader implements EntryReader {
    private final TarArchiveInputStream tar;

    TarEntryReader(InputStream decompressed) {
        this.tar = new TarArchiveInputStream(decompressed, StandardCharsets.UTF_8.name());
    }

    @Override
    public ArchiveItem next() throws IOException {
        TarArchiveEntry entry = tar.getNextEntry();
        if (entry == null) {
            return null;
        }
        ArchiveItem.Kind kind = kindOf(entry);
        boolean link = kind == ArchiveItem.Kind.SYMLINK || kind == ArchiveItem.Kind.HARDLINK;
        return new ArchiveItem(entry.getName(), kind, link ? entry.getLinkName() : null,
                entry.getMode(), entry.getLastModifiedTime() != null ? entry.getLastModifiedTime().toMillis() : -1);
    }

    @Override
    public InputStream content() {
        return tar;
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }

    private static ArchiveItem.Kind kindOf(TarArchiveEntry entry) {
        if (entry.isSymbolicLink()) {
            return ArchiveItem.Kind.SYMLINK;
        }
        if (entry.isLink()) {
            return ArchiveItem.Kind.HARDLINK;
        }
        if (entry.isCharacterDevice()) {
            return ArchiveItem.Kind.CHARACTER_DEVICE;
        }
        if (entry.isBlockDevice()) {
            return ArchiveItem.Kind.BLOCK_DEVICE;
        }
        if (entry.isFIFO()) {
            return ArchiveItem.Kind.FIFO;
        }
        if (entry.isDirectory()) {
            return ArchiveItem.Kind.DIRECTORY;
        }
        if (entry.isFile()) {
            return ArchiveItem.Kind.FILE;
        }
        return ArchiveItem.Kind.OTHER;
    }
}
