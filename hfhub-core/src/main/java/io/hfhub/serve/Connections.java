package io.hfhub.serve;

import io.hfhub.cache.MirrorServer;
import java.io.IOException;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open connections of a mirror: at most {@code maxConnections} at once, and a watchdog that closes every
 * connection whose phase (idle, receiving a head, sending without progress) outlasts its limit. Each
 * connection holds one worker thread, so bounding the connections bounds the threads, and the time limits
 * bound how long any client, however slow, keeps one.
 */
public final class Connections implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Connections.class.getName());

    private final int max;
    private final Set<MirrorConnection> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;

    /** Connections bounded by {@code limits}, watched by a daemon thread. */
    public Connections(MirrorServer.Limits limits) {
        this.max = limits.maxConnections();
        this.watchdog = Executors.newSingleThreadScheduledExecutor(daemonThreads("hfhub-mirror-watchdog"));
        long period = sweepPeriodMillis(limits);
        watchdog.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * A quarter of the shortest limit, between 10 ms and 1 s: a connection is closed at most a quarter late,
     * and an idle mirror wakes once a second.
     */
    static long sweepPeriodMillis(MirrorServer.Limits limits) {
        long shortest = Math.min(limits.idleTimeout().toMillis(),
                Math.min(limits.headerTimeout().toMillis(), limits.sendTimeout().toMillis()));
        return Math.max(10, Math.min(1000, shortest / 4));
    }

    /** Takes a slot for {@code connection}; false when every slot is taken. Called by the one accepting thread. */
    public boolean admit(MirrorConnection connection) {
        if (open.size() >= max) {
            return false;
        }
        open.add(connection);
        return true;
    }

    /**
     * Answers 503 on a connection that got no slot and closes it a second later, without a thread: closing at
     * once, with the request unread, would make the kernel send a reset that can destroy the answer.
     */
    public void refuse(Socket socket) {
        try {
            // A fresh socket's send buffer is empty, so this short answer is written without blocking.
            socket.getOutputStream().write(Exchange.closingResponse(503, "too many connections to this mirror"));
            socket.shutdownOutput();
            watchdog.schedule(() -> closeQuietly(socket), 1, TimeUnit.SECONDS);
        } catch (IOException | RejectedExecutionException e) { // RejectedExecutionException once closing
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
    }

    /** Frees {@code connection}'s slot: it ended, or was never started. */
    public void remove(MirrorConnection connection) {
        open.remove(connection);
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            for (MirrorConnection connection : open) {
                if (connection.overdue(now)) {
                    connection.abort();
                }
            }
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: the mirror would lose every time limit.
            LOG.log(System.Logger.Level.WARNING, "connection watchdog", e);
        }
    }

    /** Stops the watchdog and closes every open connection. */
    @Override
    public void close() {
        watchdog.shutdownNow();
        for (MirrorConnection connection : open) {
            connection.abort();
        }
    }

    /** Threads that do not keep the JVM alive, named {@code name-1}, {@code name-2}... */
    public static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
