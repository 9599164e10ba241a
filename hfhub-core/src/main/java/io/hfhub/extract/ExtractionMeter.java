package io.hfhub.extract;

import io.hfhub.ArchiveTooLargeException;
import io.hfhub.ExtractOptions;
import io.hfhub.ProgressListener;
import java.util.function.LongSupplier;

/**
 * Accounts for everything one extraction writes: counts entries and bytes as they are written (never the
 * sizes an archive declares), stops at the first limit crossed, and reports progress at most once per MiB.
 *
 * <p>The compression ratio is measured three ways, so a bomb cannot hide behind honest data: over the whole
 * archive so far, over the current entry, and over a sliding window of the last {@value #WINDOW_MIB} MiB of
 * output. An archive of 4 MB of random bytes followed by gigabytes of zeros stays under any whole-archive
 * ratio for a long time (the random part inflates the denominator), but its zeros cross the limit within one
 * window. The window is sampled once per MiB written; the archive bytes read run ahead of the bytes written
 * by the decoder's buffers (at most a few hundred KiB), the same at both ends of a window in steady state.
 */
final class ExtractionMeter {
    /** The ratio is meaningless on tiny outputs (a 10-byte archive of 20 KiB of zeros is fine). */
    static final long RATIO_CHECK_MIN_BYTES = 1 << 20;
    /** The sliding window, in MiB of output: long enough that the decoders' read-ahead is negligible in it. */
    static final int WINDOW_MIB = 64;
    private static final long PROGRESS_STEP = 1 << 20;
    private static final long SAMPLE_STEP = 1 << 20;

    private final ExtractOptions options;
    private final LongSupplier archiveBytesRead;
    private final String archiveName;
    private final ProgressListener listener;
    private long entries;
    private long written;
    private long lastReported;
    /** Where the current entry started: bytes written and archive bytes read then. */
    private long entryStartWritten;
    private long entryStartRead;
    /** Archive bytes read at each of the last WINDOW_MIB + 1 samples (one per MiB written), a ring. */
    private final long[] readAtSample = new long[WINDOW_MIB + 1];
    private long samples;
    private long nextSample = SAMPLE_STEP;

    ExtractionMeter(ExtractOptions options, LongSupplier archiveBytesRead, String archiveName) {
        this.options = options;
        this.archiveBytesRead = archiveBytesRead;
        this.archiveName = archiveName;
        this.listener = options.progressListener();
    }

    /** Counts one more entry of any type. */
    void countEntry() {
        if (++entries > options.maxEntries()) {
            throw tooManyEntries(archiveName, options.maxEntries());
        }
        entryStartWritten = written;
        entryStartRead = archiveBytesRead.getAsLong();
    }

    /** The error for an archive holding more than {@code limit} entries. */
    static ArchiveTooLargeException tooManyEntries(String archiveName, int limit) {
        return new ArchiveTooLargeException(String.format(
                "%s has more than %,d entries, the limit against decompression bombs; nothing was extracted. "
                        + "If you trust it, raise the limit with --max-entries (hfhub extract, hfhub download "
                        + "--extract) or ExtractOptions.builder().maxEntries(...).",
                archiveName, limit));
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
            long read = archiveBytesRead.getAsLong();
            checkRatio(written, read, "");
            if (written - entryStartWritten >= WINDOW_MIB * SAMPLE_STEP) {
                // only past a window's worth: the read-ahead of stream decoders blurs where an entry's input starts
                checkRatio(written - entryStartWritten, read - entryStartRead, " in one entry");
            }
            if (written >= nextSample) {
                sample(read);
            }
        }
        if (written - lastReported >= PROGRESS_STEP) {
            lastReported = written;
            listener.progress(archiveName, written, -1);
        }
    }

    /** Records a window sample and checks the ratio over the last WINDOW_MIB MiB of output. */
    private void sample(long read) {
        readAtSample[(int) (samples % readAtSample.length)] = read;
        samples++;
        nextSample += SAMPLE_STEP;
        if (samples > WINDOW_MIB) {
            long readBefore = readAtSample[(int) (samples % readAtSample.length)]; // WINDOW_MIB samples ago
            checkRatio(WINDOW_MIB * SAMPLE_STEP, read - readBefore, " over its last " + WINDOW_MIB + " MiB");
        }
    }

    private void checkRatio(long out, long in, String where) {
        if (out < RATIO_CHECK_MIN_BYTES || out <= options.maxCompressionRatio() * Math.max(1, in)) {
            return;
        }
        throw new ArchiveTooLargeException(String.format(
                "%s expands more than %.0f times%s (%,d bytes written from %,d read), the compression-ratio "
                        + "limit against decompression bombs; nothing was extracted. If you trust it, raise the "
                        + "limit with --max-ratio (hfhub extract, hfhub download --extract) or "
                        + "ExtractOptions.builder().maxCompressionRatio(...).",
                archiveName, options.maxCompressionRatio(), where, out, Math.max(1, in)));
    }

    /** The bytes written so far. */
    long written() {
        return written;
    }
}
