package io.hfhub.transfer;

import io.hfhub.ChecksumMismatchException;
import io.hfhub.HfHubException;
import io.hfhub.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * A file read straight from its {@link RangeSource} (plain HTTP or Xet), for callers that process a file larger
 * than their disk budget: one stream from byte zero through the same {@link RangeReader} as a download, so it
 * survives faults the same way (reopened from the current position, attempts without progress bounded, a server
 * that ignores {@code Range} skipped forward). The content is hashed on the way: at the end of the stream a hash
 * mismatch throws {@link ChecksumMismatchException} instead of returning -1, so a caller never silently consumes
 * wrong bytes.
 */
public final class RemoteFileStream extends InputStream {
    private final TransferTarget target;
    private final ProgressListener listener;
    private final ContentHasher hasher;
    private final RetryBudget budget;
    private final RangeReader reader;
    /** Heap: the caller's reads copy out of it anyway. Between reads, what the caller has not taken yet. */
    private final ByteBuffer buffer;
    private boolean verified;
    private boolean closed;

    public RemoteFileStream(TransferContext ctx, TransferTarget target, RangeSource source, ProgressListener listener) {
        this.target = target;
        this.listener = listener;
        this.hasher = ContentHasher.forEtag(target.etag(), target.size());
        this.budget = new RetryBudget(ctx.retryPolicy(), listener, target.name(), "reading " + target.name(), "",
                () -> {});
        this.reader = new RangeReader(ctx, source, budget, 0, target.size() - 1, true, true, false);
        this.buffer = ByteBuffer.allocate((int) Math.min(ctx.bufferSize(), Math.max(1, target.size()))).limit(0);
        listener.started(target.name(), target.size(), 0);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
        if (len == 0) {
            return 0;
        }
        while (!buffer.hasRemaining()) {
            Outcome outcome = reader.next(buffer);
            if (outcome instanceof Outcome.Bytes bytes) {
                hasher.update(buffer.array(), 0, bytes.count());
                listener.progress(target.name(), reader.position(), target.size());
            } else if (outcome instanceof Outcome.Done) {
                verifyOnce();
                return -1;
            } else if (outcome instanceof Outcome.RestartFromZero restart) {
                // The bytes the caller consumed cannot be taken back: try again from here, within the budget (the
                // final hash check still covers every byte).
                Outcome.Fatal spent = budget.failed(reader.position(), null, restart.reason(), null, false);
                if (spent != null) {
                    throw fail(spent);
                }
            } else {
                // one stream from zero accepts a whole-file answer, so what is left is fatal
                throw fail(outcome);
            }
        }
        int n = Math.min(len, buffer.remaining());
        buffer.get(b, off, n);
        return n;
    }

    private RuntimeException fail(Outcome outcome) {
        RuntimeException failure = outcome instanceof Outcome.Fatal fatal ? fatal.error()
                : new HfHubException("reading " + target.name() + " failed: " + outcome);
        reader.close();
        if (failure instanceof HfHubException) {
            listener.failed(target.name(), failure);
        }
        return failure;
    }

    private void verifyOnce() {
        if (verified) {
            return;
        }
        verified = true;
        reader.close();
        if (!hasher.matches(target.etag())) {
            ChecksumMismatchException e = new ChecksumMismatchException("the bytes read from " + target.name()
                    + " do not hash to " + target.etag() + ": discard what was read");
            listener.failed(target.name(), e);
            throw e;
        }
        listener.finished(target.name(), target.size());
    }

    @Override
    public void close() {
        closed = true;
        reader.close();
    }
}
