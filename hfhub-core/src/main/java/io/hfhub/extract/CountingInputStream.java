package io.hfhub.extract;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the archive bytes read, the denominator of the compression-ratio limit. */
final class CountingInputStream extends FilterInputStream {
    // written by the decoder thread, read by the extracting thread (ExtractionMeter)
    private volatile long count;

    CountingInputStream(InputStream in) {
        super(in);
    }

    /** The bytes read so far; one writer, so a volatile suffices. */
    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        count += skipped;
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
