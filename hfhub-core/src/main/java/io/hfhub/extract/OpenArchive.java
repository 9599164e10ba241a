package io.hfhub.extract;

import io.hfhub.ArchiveFormat;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongSupplier;

/**
 * An archive opened for reading: the entry reader for its format, and a count of the archive bytes read so
 * far (the denominator of the compression-ratio limit). {@link #open} is the one place that maps a format
 * to its reader and decoder stack.
 */
record OpenArchive(EntryReader entries, LongSupplier archiveBytesRead) implements Closeable {
    /** Tar headers come in 512-byte reads; a large buffer keeps those from reaching the decoder one by one. */
    private static final int TAR_BUFFER = 256 * 1024;

    /** Opens {@code file} as {@code format} (already detected); {@code nameHint} names single-file content. */
    static OpenArchive open(Path file, ArchiveFormat format, String nameHint) throws IOException {
        if (format == ArchiveFormat.ZIP) {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            try {
                ZipEntryReader reader = new ZipEntryReader(channel);
                return new OpenArchive(reader, reader::archiveBytesRead);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
        Compression compression = FormatDetector.compressionOf(format);
        String singleFileName = format.isSingleFile()
                ? SingleFileNames.outputName(nameHint, compression, FormatDetector.readHead(file, FormatDetector.HEAD_SIZE))
                : null;
        CountingInputStream raw = new CountingInputStream(Files.newInputStream(file));
        try {
            InputStream decoded = compression == Compression.NONE ? raw : ReadAheadInputStream.decodeInBackground(compression, raw);
            InputStream buffered = new BufferedInputStream(decoded, TAR_BUFFER);
            EntryReader reader = format.isTar() ? new TarEntryReader(buffered) : new SingleFileReader(buffered, singleFileName);
            return new OpenArchive(reader, raw::count);
        } catch (RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        entries.close();
    }
}
