package io.hfhub.xet;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fetches the xorb ranges a reconstruction will need ahead of the writer, a few at once (terms are independent
 * byte ranges, possibly on other hosts), while the file is still assembled strictly in term order. Besides the
 * range the writer waits for, at most {@code window - 1} are fetched or held ahead, so memory stays bounded by
 * {@code window} x 64 MiB; a window of 1 fetches each range only when it is needed.
 */
final class Prefetch implements AutoCloseable {
    private final CasClient cas;
    private final List<Reconstruction.FetchRange> order;
    private final int window;
    private final String what;
    private final ExecutorService pool;
    private final Map<Reconstruction.FetchRange, Future<byte[]>> pending = new IdentityHashMap<>();
    private int next;

    /** Starts fetching the first of {@code order}, the ranges in the order the terms will need them. */
    Prefetch(CasClient cas, List<Reconstruction.FetchRange> order, int window, String what) {
        this.cas = cas;
        this.order = order;
        this.window = window;
        this.what = what;
        this.pool = Executors.newFixedThreadPool(Math.max(1, window - 1), runnable -> {
            Thread thread = new Thread(runnable, "hfhub-xet-fetch");
            thread.setDaemon(true);
            return thread;
        });
        fill();
    }

    /** Whether {@code range} was predicted and is (being) fetched here. */
    boolean has(Reconstruction.FetchRange range) {
        return pending.containsKey(range);
    }

    /** The bytes of {@code range}: from its prefetch, or fetched now if it was not predicted. */
    byte[] take(Reconstruction.FetchRange range) throws IOException {
        Future<byte[]> fetching = pending.remove(range);
        fill();
        if (fetching == null) {
            return cas.fetch(range, what);
        }
        try {
            return fetching.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching Xet data of " + what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException("fetching Xet data of " + what + " failed", cause);
        }
    }

    private void fill() {
        while (pending.size() < window - 1 && next < order.size()) {
            Reconstruction.FetchRange range = order.get(next++);
            if (!pending.containsKey(range)) {
                pending.put(range, pool.submit(() -> cas.fetch(range, what)));
            }
        }
    }

    /** Stops every fetch still running; their bytes are not needed any more. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
