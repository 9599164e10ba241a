package io.hfhub.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drops the connection of a call whose thread was interrupted. A thread blocked in a socket read of the JDK's
 * {@code HttpURLConnection} does not wake up when interrupted (JDK 17, platform threads): without this,
 * {@code Thread.interrupt()} or {@code future.cancel(true)} would wait for the next byte, or for the whole download
 * timeout when the server sends nothing. The dropped read fails, the transfer then sees the interrupt at its next
 * wait and stops; the bytes already on disk stay for a later resume.
 *
 * <p>As OkHttp's {@code AsyncTimeout} does with its watchdog thread: one daemon thread per client, alive only
 * while calls are open (and {@value #IDLE_MILLIS} ms after, so a run of small requests does not start a thread
 * each), looking every {@value #TICK_MILLIS} ms. An interrupt is a rare event; a poll costs nothing per byte.
 */
final class InterruptWatchdog {
    static final long TICK_MILLIS = 100;
    static final long IDLE_MILLIS = 5_000;

    /** Open calls and the thread each belongs to. Guarded by {@code this}. */
    private final Map<HubCall, Thread> watched = new LinkedHashMap<>();
    /** Guarded by {@code this}; null when no watchdog thread runs. */
    private Thread thread;

    /** Watches {@code call}, run by {@code owner}, until {@link #release}. */
    synchronized void watch(HubCall call, Thread owner) {
        watched.put(call, owner);
        if (thread == null) {
            thread = new Thread(this::loop, "hfhub-interrupt-watchdog");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Stops watching {@code call}. Called before its response is closed, under the same lock as the cancelling
     * loop: a connection handed back to the JDK's keep-alive pool is never dropped by a late cancel.
     */
    synchronized void release(HubCall call) {
        watched.remove(call);
    }

    private synchronized void loop() {
        long idleSince = -1;
        // the tick is a poll interval, not a timing the tests depend on: no clock seam needed
        while (true) {
            List<HubCall> interrupted = new ArrayList<>();
            watched.forEach((call, owner) -> {
                if (owner.isInterrupted()) {
                    interrupted.add(call);
                }
            });
            for (HubCall call : interrupted) {
                watched.remove(call);
                call.cancel();
            }
            if (watched.isEmpty()) {
                long now = System.nanoTime();
                if (idleSince < 0) {
                    idleSince = now;
                } else if (now - idleSince >= IDLE_MILLIS * 1_000_000) {
                    thread = null;
                    return;
                }
            } else {
                idleSince = -1;
            }
            try {
                wait(TICK_MILLIS);
            } catch (InterruptedException e) {
                thread = null;
                return; // nobody interrupts this private thread; if someone does, the next watch starts another
            }
        }
    }
}
