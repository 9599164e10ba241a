package io.hfhub.extract;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Decompresses on a second thread while the caller writes files, as {@code tar -xzf} does by running gzip
 * in its own process: on two or more cores, decoding and writing then overlap instead of adding up. The
 * decoder runs at most {@value #DEPTH} chunks of {@value #CHUNK} bytes ahead, so memory stays constant and
 * a decompression bomb cannot run far past the limits the reader enforces.
 */
final class ReadAheadInputStream extends InputStream {
    private static final int CHUNK = 1 << 20;
    private static final int DEPTH = 4;
    private static final Chunk END = new Chunk(null, 0, null);

    /** Opens the stream to pump; called on the worker thread, so header parsing is off the caller's thread too. */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    private record Chunk(byte[] data, int length, Throwable error) {}

    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(DEPTH);
    private final BlockingQueue<byte[]> spare = new ArrayBlockingQueue<>(DEPTH + 2);
    private final Thread worker;
    /** The undecoded stream, closed here too: the worker closes it only if it got as far as running. */
    private final Closeable raw;
    private Chunk current;
    private int position;

    private ReadAheadInputStream(Source source, Closeable raw) {
        this.raw = raw;
        this.worker = new Thread(() -> pump(source), "hfhub-extract-decoder");
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** {@code compression}'s decoder over {@code raw}, running on its own thread. */
    static InputStream decodeInBackground(Compression compression, InputStream raw) {
        return new ReadAheadInputStream(() -> {
            try {
                return compression.decompress(raw);
            } catch (IOException | RuntimeException | Error e) {
                raw.close(); // a corrupt header: the decoder never took ownership, and the file must not leak
                throw e;
            }
        }, raw);
    }

    private void pump(Source source) {
        try (InputStream in = source.open()) {
            while (true) {
                byte[] buffer = spare.poll();
                if (buffer == null) {
                    buffer = new byte[CHUNK];
                }
                int n = in.readNBytes(buffer, 0, CHUNK);
                if (n > 0) {
                    filled.put(new Chunk(buffer, n, null));
                }
                if (n < CHUNK) {
                    filled.put(END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed by the reader: stop quietly
        } catch (Throwable e) {
            try {
                filled.put(new Chunk(null, 0, e));
            } catch (InterruptedException ignored) {
                // closed by the reader meanwhile
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (current == null || (current != END && position == current.length)) {
            if (current != null && current.data != null) {
                spare.offer(current.data);
            }
            current = take();
            position = 0;
        }
        if (current == END) {
            return -1;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current.data, position, buffer, offset, n);
        position += n;
        return n;
    }

    private Chunk take() throws IOException {
        Chunk chunk;
        try {
            chunk = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the decoder");
        }
        if (chunk.error != null) {
            filled.offer(chunk); // every later read fails the same way
            // toString, not getMessage: an EOFException from a truncated header has no message of its own
            throw chunk.error instanceof IOException io ? new IOException(io.toString(), io)
                    : new IOException("decoder failed: " + chunk.error, chunk.error);
        }
        return chunk;
    }

    @Override
    public void close() throws IOException {
        worker.interrupt();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            raw.close(); // idempotent; after the join the worker no longer reads it
        }
    }
}
