package io.hfhub.xet;

import io.hfhub.XetProtocolException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails, rather than truncating, when a body from the CAS is longer than any honest one. */
final class LimitedInputStream extends FilterInputStream {
    private final long limit;
    private final String what;
    private long read;

    LimitedInputStream(InputStream in, long limit, String what) {
        super(in);
        this.limit = limit;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        read += n;
        if (read > limit) {
            throw new XetProtocolException("the Xet CAS sent more than " + limit + " bytes for " + what);
        }
    }
}
