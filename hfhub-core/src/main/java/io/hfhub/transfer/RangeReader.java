package io.hfhub.transfer;

import io.hfhub.http.HubCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * Reads bytes {@code from..end} of a file from its {@link RangeSource}, one chunk per {@link #next} call, reopening
 * from where it stands after a fault (within its {@link RetryBudget}). Throttled by the shared bandwidth limit and,
 * for a download, holding a slot of the shared connection budget while a body is open. The scheduler's connections
 * and {@code HfHub.open()} read through it alike.
 */
final class RangeReader implements AutoCloseable {
    private final TransferContext ctx;
    private final RangeSource source;
    private final RetryBudget budget;
    private final long end;
    private final boolean openEnded;
    private final boolean acceptWhole;
    private final boolean metered;
    private final boolean holdsSlot;
    private long position;
    private InputStream body;
    private ChunkReader chunks;
    private ConnectionBudget.Permit slot;
    private volatile HubCall call;
    private volatile boolean cancelled;

    /**
     * @param end         the last byte wanted (inclusive)
     * @param openEnded   ask for the rest of the file rather than up to {@code end} ({@code end} is its last byte)
     * @param acceptWhole a whole-file answer to a range request is read from its start, skipping what is held;
     *                    else it is {@link Outcome.OneStream}
     * @param download    take a slot of the connection budget while a body is open; not for a stream the caller
     *                    paces ({@code open()}), which could otherwise hold every slot while reading another stream
     */
    RangeReader(TransferContext ctx, RangeSource source, RetryBudget budget, long from, long end, boolean openEnded,
            boolean acceptWhole, boolean download) {
        this.ctx = ctx;
        this.source = source;
        this.budget = budget;
        this.position = from;
        this.end = end;
        this.openEnded = openEnded;
        this.acceptWhole = acceptWhole;
        this.metered = !source.metersItself();
        this.holdsSlot = download && metered;
    }

    /** The file offset of the next byte: after {@link Outcome.Bytes} of n, those n bytes end here. */
    long position() {
        return position;
    }

    /**
     * The next bytes into {@code buffer} from index 0, which is then flipped (position 0, limit the count):
     * {@link Outcome.Bytes}, {@link Outcome#DONE} once
     * {@code end} is reached, or what ends this range ({@link Outcome.RestartFromZero}, {@link Outcome.OneStream},
     * {@link Outcome.Fatal}). Retries happen inside.
     */
    Outcome next(ByteBuffer buffer) throws IOException {
        while (true) {
            if (position > end) {
                closeBody();
                return Outcome.DONE;
            }
            if (cancelled) {
                closeBody();
                throw new InterruptedIOException("the transfer stopped");
            }
            if (body == null) {
                Outcome refused = openBody();
                if (refused instanceof Outcome.RetryAfter retry) {
                    Outcome.Fatal spent = budget.failed(position, where(), retry.reason(), retry.retryAfter(),
                            retry.slowDown());
                    if (spent != null) {
                        return spent;
                    }
                    continue;
                }
                if (refused != null) {
                    return refused;
                }
            }
            int n;
            try {
                n = chunks.read(buffer, (int) Math.min(buffer.capacity(), end - position + 1));
            } catch (SocketTimeoutException e) {
                Outcome.Fatal spent = retry("stalled: no byte for the download timeout");
                if (spent != null) {
                    return spent;
                }
                continue;
            } catch (InterruptedIOException e) {
                closeBody();
                throw e;
            } catch (IOException e) {
                Outcome.Fatal spent = retry("connection broken mid-body: " + e.getMessage());
                if (spent != null) {
                    return spent;
                }
                continue;
            } catch (RuntimeException e) {
                closeBody();
                return new Outcome.Fatal(e);
            }
            if (n < 0) {
                Outcome.Fatal spent = retry("connection closed at byte " + position + " of " + (end + 1));
                if (spent != null) {
                    return spent;
                }
                continue;
            }
            if (metered) {
                ctx.throttle().acquire(n);
            }
            position += n;
            return new Outcome.Bytes(n);
        }
    }

    /** Counts a failed attempt: null to try again, else the fatal outcome of a spent budget. */
    private Outcome.Fatal retry(String reason) throws IOException {
        closeBody();
        return budget.failed(position, where(), reason, null, false);
    }

    private String where() {
        return openEnded ? null : "bytes " + position + "-" + end;
    }

    /** Opens the body at {@link #position}: null when open, else the outcome of the refusal. */
    private Outcome openBody() throws IOException {
        if (holdsSlot) {
            slot = ctx.connections().acquire();
        }
        RangeSource.Opening opening;
        try {
            opening = source.open(position, openEnded ? -1 : end, c -> {
                call = c;
                if (cancelled) {
                    c.cancel(); // stopped between our check and this call
                }
            });
        } catch (IOException | RuntimeException e) {
            closeBody();
            throw e;
        }
        if (opening instanceof RangeSource.Refused refused) {
            closeBody();
            return refused.outcome();
        }
        RangeSource.Body opened = (RangeSource.Body) opening;
        body = opened.stream();
        chunks = new ChunkReader(body, opened.channel());
        if (opened.whole() && !acceptWhole) {
            closeBody();
            return new Outcome.OneStream("the server ignored Range (HTTP 200)");
        }
        // The server ignored Range: skip what is held already (it was hashed and written before).
        for (long toSkip = position - opened.start(); toSkip > 0; ) {
            long skipped;
            try {
                skipped = body.skip(toSkip);
            } catch (InterruptedIOException e) {
                closeBody();
                throw e;
            } catch (IOException e) {
                skipped = -1;
            }
            if (skipped <= 0) {
                closeBody();
                return new Outcome.RetryAfter("body ended while skipping to byte " + position, null, false);
            }
            toSkip -= skipped;
        }
        return null;
    }

    /** Drops the connection at once, from another thread: a blocked read fails, the next call stops. */
    void cancel() {
        cancelled = true;
        HubCall c = call;
        if (c != null) {
            c.cancel();
        }
    }

    private void closeBody() {
        try {
            if (body != null) {
                body.close();
            }
        } catch (IOException | RuntimeException ignored) {
            // the connection is dropped either way
        } finally {
            body = null;
            chunks = null;
            call = null;
            if (slot != null) {
                slot.close();
                slot = null;
            }
        }
    }

    @Override
    public void close() {
        closeBody();
    }
}
