package io.hfhub.transfer;

import io.hfhub.ChecksumMismatchException;
import io.hfhub.HfHubException;
import io.hfhub.ProgressListener;
import io.hfhub.http.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import io.hfhub.http.HubResponse;

/**
 * A file read straight from the network, for callers that process a file larger than their disk budget.
 * Survives faults the way a download does: a broken or stalled connection is reopened with {@code Range} from
 * the current position (attempts without progress are bounded), and the content is hashed on the way: at the
 * end of the stream a size or hash mismatch throws {@link ChecksumMismatchException} instead of returning -1,
 * so a caller never silently consumes wrong bytes.
 */
public final class RemoteFileStream extends InputStream {
    private final TransferContext ctx;
    private final TransferTarget target;
    private final LocationSource location;
    private final ProgressListener listener;
    private final ContentHasher hasher;

    private HubResponse response;
    private InputStream body;
    private long position;
    private boolean verified;
    private boolean closed;

    public RemoteFileStream(TransferContext ctx, TransferTarget target, LocationSource location, ProgressListener listener) {
        this.ctx = ctx;
        this.target = target;
        this.location = location;
        this.listener = listener;
        this.hasher = ContentHasher.forEtag(target.etag(), target.size());
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
        if (position >= target.size()) {
            verifyOnce();
            return -1;
        }
        int failures = 0;
        while (true) {
            try {
                ensureOpen();
                int n = body.read(b, off, (int) Math.min(len, target.size() - position));
                if (n < 0) {
                    throw new RetriableFailure("connection closed after " + position + " of " + target.size() + " bytes", null, null);
                }
                ctx.throttle().acquire(n);
                hasher.update(b, off, n);
                position += n;
                listener.progress(target.name(), position, target.size());
                return n;
            } catch (RetriableFailure | SocketTimeoutException e) {
                failures = retryOrFail(failures, e);
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                failures = retryOrFail(failures, e);
            }
        }
    }

    private int retryOrFail(int failures, IOException e) throws IOException {
        closeResponse();
        int count = failures + 1;
        RetryPolicy policy = ctx.retryPolicy();
        if (count >= policy.maxAttempts()) {
            HfHubException failure = new HfHubException("reading " + target.name() + " failed after " + count
                    + " attempts without progress: " + e.getMessage(), e);
            listener.failed(target.name(), failure);
            throw failure;
        }
        String retryAfter = e instanceof RetriableFailure r ? r.retryAfter : null;
        Duration delay = policy.delay(count, retryAfter);
        listener.retrying(target.name(), count, String.valueOf(e.getMessage()), delay.toMillis());
        policy.pause(delay);
        return count;
    }

    /** Opens (or reopens after a fault) the body at the current position. */
    private void ensureOpen() throws IOException {
        if (body != null) {
            return;
        }
        RangedGet.Opened opened = RangedGet.open(ctx.http(), location, target.resolveUrl(), position, -1, target.name());
        response = opened.response();
        body = response.body();
        if (opened.bodyStart() < position) {
            // The server ignored Range: skip what the caller already has; those bytes were hashed already.
            long toSkip = position - opened.bodyStart();
            while (toSkip > 0) {
                long skipped = body.skip(toSkip);
                if (skipped <= 0) {
                    throw new RetriableFailure("body ended while skipping to " + position, null, null);
                }
                toSkip -= skipped;
            }
        }
    }

    private void verifyOnce() {
        if (verified) {
            return;
        }
        verified = true;
        closeResponse();
        if (!hasher.matches(target.etag())) {
            ChecksumMismatchException e = new ChecksumMismatchException("the bytes read from " + target.name()
                    + " do not hash to " + target.etag() + ": discard what was read");
            listener.failed(target.name(), e);
            throw e;
        }
        listener.finished(target.name(), target.size());
    }

    private void closeResponse() {
        if (response != null) {
            response.close();
        }
        response = null;
        body = null;
    }

    @Override
    public void close() {
        closed = true;
        closeResponse();
    }
}
