package io.hfhub.extract;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;

/**
 * Computes the CRC-32 of a zip entry's content as it is read and fails at the end of the stream if it
 * differs from the central directory's value. {@link org.apache.commons.compress.archivers.zip.ZipFile}
 * does not check it, and a corrupt entry must not be published silently.
 */
final class CrcCheckingInputStream extends FilterInputStream {
    private final CRC32 crc = new CRC32();
    private final long expected;
    private final String entryName;
    private boolean checked;

    /** {@code expected} is -1 when the archive records no CRC; nothing is then checked. */
    CrcCheckingInputStream(InputStream in, long expected, String entryName) {
        super(in);
        this.expected = expected;
        this.entryName = entryName;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            crc.update(buffer, offset, n);
        } else if (n < 0) {
            verify();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skip is not supported while checking a CRC");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void verify() throws IOException {
        if (!checked && expected != -1 && crc.getValue() != expected) {
            throw new IOException(String.format("entry '%s' is corrupt: CRC-32 %08x, the archive says %08x",
                    entryName, crc.getValue(), expected));
        }
        checked = true;
    }
}
