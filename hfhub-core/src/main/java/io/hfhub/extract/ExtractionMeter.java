package io.hfhub.extract;

import io.hfhub.ArchiveTooLargeException;
import io.hfhub.ExtractOptions;
import io.hfhub.ProgressListener;
import java.util.function.LongSupplier;

/**
 * Accounts for everything one extraction writes: counts entries and bytes as they are written (never the
 * sizes an archive declares), stops at the first limit crossed, and reports progress at most once per MiB.
 */
final class ExtractionMeter {
    /** The ratio is meaningless on tiny outputs (a 10-byte archive of 20 KiB of zeros is fine). */
    static final long RATIO_CHECK_MIN_BYTES = 1 << 20;
    private static final long PROGRESS_STEP = 1 << 20;

    private final ExtractOptions options;
    private final LongSupplier archiveBytesRead;
    private final String archiveName;
    private final ProgressListener listener;
    private long entries;
    private long written;
    private long lastReported;

    ExtractionMeter(ExtractOptions options, LongSupplier archiveBytesRead, String archiveName) {
        this.options = options;
        this.archiveBytesRead = archiveBytesRead;
        this.archiveName = archiveName;
        this.listener = options.progressListener();
    }

    /** Counts one more entry of any type. */
    void countEntry() {
        if (++entries > options.maxEntries()) {
            throw new ArchiveTooLargeException(String.format(
                    "%s has more than %,d entries, the limit against decompression bombs; nothing was extracted. "
                            + "If you trust it, raise the limit with ExtractOptions.builder().maxEntries(...).",
                    archiveName, options.maxEntries()));
        }
    }

    /** Counts {@code n} bytes about to be written; throws before writing them if that crosses a limit. */
    void beforeWrite(int n) {
        written += n;
        if (written > options.maxBytes()) {
            throw new ArchiveTooLargeException(String.format(
                    "%s expands to more than %,d bytes, the extraction size limit; nothing was extracted. "
                            + "If you trust it, raise the limit with --max-bytes, the %s environment variable "
                            + "or ExtractOptions.builder().maxBytes(...).",
                    archiveName, options.maxBytes(), ExtractOptions.MAX_BYTES_ENV));
        }
        if (written >= RATIO_CHECK_MIN_BYTES) {
            long read = Math.max(1, archiveBytesRead.getAsLong());
            if (written > options.maxCompressionRatio() * read) {
                throw new ArchiveTooLargeException(String.format(
                        "%s expands more than %.0f times (%,d bytes written from %,d read), the compression-ratio "
                                + "limit against decompression bombs; nothing was extracted. If you trust it, raise "
                                + "the limit with ExtractOptions.builder().maxCompressionRatio(...).",
                        archiveName, options.maxCompressionRatio(), written, read));
            }
        }
        if (written - lastReported >= PROGRESS_STEP) {
            lastReported = written;
            listener.progress(archiveName, written, -1);
        }
    }

    /** The bytes written so far. */
    long written() {
        return written;
    }
}
