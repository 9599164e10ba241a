package io.hfhub.transfer;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Decides how many connections a snapshot uses, from the throughput it actually gets. Pure logic: the scheduler
 * reports bytes as they arrive ({@link #onBytes}) and throttling responses ({@link #onThrottled}), and asks for
 * the current {@link #limit()} before opening another connection.
 *
 * <p>Why adaptive: the best number of connections depends on things only measurement reveals. One stream
 * saturates a fast link to a nearby CDN node, while a CDN that caps each connection (which is what makes
 * {@code aria2c -x16} faster than {@code curl}) needs many; beyond that point more connections only add
 * contention and invite rate limiting.
 *
 * <p>The rule, evaluated once per measuring window (default 1 s) of aggregate throughput:
 * <ul>
 *   <li><b>Probing</b> (the start): measure the current level, add connections, measure again. The first probe
 *       doubles the level at each step, as TCP's slow start does, because every window spent below a CDN's
 *       per-connection cap is lost (measured: ramping 4 → 8 a connection at a time cost a 1 GiB download a
 *       fifth of its speed against {@code aria2c -x8}). Later probes add a
 *       quarter of the current level (at least one), so that under a per-connection cap every step should raise
 *       aggregate throughput by about 25 %. A step counts as useful while the added connections each bring at
 *       least {@value #MIN_MARGINAL_PERCENT} % of what an existing connection carries on average — that is a
 *       gain of about 10 % per step, above the noise of a one-second sample. Comparing marginal rather than
 *       total gain keeps the rule meaningful at any level: adding 1 to 20 connections can only ever add 5 %.</li>
 *   <li>When a step does not pay off, take it back (the previous level was about as fast with fewer connections)
 *       and hold <b>steady</b>. After {@value #STEADY_WINDOWS_BEFORE_PROBE} steady windows, probe upwards again,
 *       because conditions change (other transfers end, the CDN warms up).</li>
 *   <li>On a 429 or 403 from the CDN ({@link #onThrottled}), halve the level at once: the server has said it is
 *       overloaded, and backing off multiplicatively is what lets many clients converge (as TCP does). Further
 *       throttling signals within the next window are ignored, since the responses of connections opened before
 *       the cut arrive in bursts and must not halve the level again and again for the same event.</li>
 * </ul>
 * The level always stays within {@code [1, max]}. Each window starts after a decision, so bytes are attributed
 * to the level that produced them.
 *
 * <p>Thread-safe: all methods synchronize on the instance, as every connection reports to the same controller.
 */
public final class AdaptiveConcurrency {
    /** Connections to start with: enough to beat a single stream at once, few enough not to trigger limits. */
    public static final int DEFAULT_INITIAL = 4;
    /** Length of one measuring window. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(1);
    /** Throughput an added connection must bring, in percent of an existing connection's average, to count. */
    public static final int MIN_MARGINAL_PERCENT = 40;
    /** Steady windows after which the controller probes upwards again. */
    public static final int STEADY_WINDOWS_BEFORE_PROBE = 10;

    private final int max;
    private final long windowNanos;
    private final LongSupplier nanoClock;

    // All guarded by this.
    private int limit;
    private boolean probing = true;
    private double baseline = Double.NaN; // bytes/s at the level before the last probing step
    private int previousLimit; // the level before the last probing step
    private boolean slowStart = true; // until the first step that does not pay off, or a throttling signal
    private int steadyWindows;
    private boolean windowOpen;
    private long windowStart;
    private long windowBytes;
    private long ignoreThrottlingUntil;
    private boolean throttledOnce;

    /**
     * Creates a controller.
     *
     * @param initial the first level, clamped to {@code [1, max]}
     * @param max the most connections ever allowed, {@code >= 1}
     * @param window the length of a measuring window, positive
     * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}; tests pass a fake)
     */
    public AdaptiveConcurrency(int initial, int max, Duration window, LongSupplier nanoClock) {
        if (max < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("max=" + max + ", window=" + window);
        }
        this.max = max;
        this.windowNanos = window.toNanos();
        this.nanoClock = nanoClock;
        this.limit = Math.max(1, Math.min(initial, max));
    }

    /** A controller with the default start level and window on the system's monotonic clock. */
    public static AdaptiveConcurrency withMax(int max) {
        return new AdaptiveConcurrency(DEFAULT_INITIAL, max, DEFAULT_WINDOW, System::nanoTime);
    }

    /** The number of connections to use now. */
    public synchronized int limit() {
        return limit;
    }

    /** Whether the controller is still looking for a better level (rather than holding a steady one). */
    public synchronized boolean isProbing() {
        return probing;
    }

    /** Reports {@code n} bytes received now, by the injected clock. */
    public void onBytes(long n) {
        onBytes(n, nanoClock.getAsLong());
    }

    /**
     * Reports {@code n} bytes received at {@code nanoTime} (same time base as the injected clock). The first report
     * only opens the first window: its bytes arrived over an unknown time before it.
     */
    public synchronized void onBytes(long n, long nanoTime) {
        if (n < 0) {
            throw new IllegalArgumentException("n=" + n);
        }
        if (!windowOpen) {
            openWindow(nanoTime);
            return;
        }
        windowBytes += n;
        long elapsed = nanoTime - windowStart;
        if (elapsed >= windowNanos) {
            decide(windowBytes * 1e9 / elapsed);
            openWindow(nanoTime);
        }
    }

    /** Reports a throttling response (HTTP 429, or 403 from the CDN): halves the level, at most once per window. */
    public synchronized void onThrottled() {
        long now = nanoClock.getAsLong();
        if (throttledOnce && now - ignoreThrottlingUntil < 0) {
            return;
        }
        throttledOnce = true;
        ignoreThrottlingUntil = now + windowNanos;
        limit = Math.max(1, limit / 2);
        slowStart = false;
        probing = false;
        steadyWindows = 0;
        baseline = Double.NaN;
        openWindow(now);
    }

    private void decide(double throughput) {
        if (!probing) {
            if (++steadyWindows >= STEADY_WINDOWS_BEFORE_PROBE) {
                probing = true;
                baseline = throughput;
                stepUp();
            }
            return;
        }
        if (Double.isNaN(baseline) || paidOff(throughput)) {
            baseline = throughput;
            stepUp();
        } else {
            limit = previousLimit; // the connections added last did not help: give them back
            settle();
        }
    }

    private boolean paidOff(double throughput) {
        double perConnection = baseline / previousLimit;
        return throughput - baseline > (limit - previousLimit) * perConnection * MIN_MARGINAL_PERCENT / 100.0;
    }

    private void stepUp() {
        if (limit < max) {
            previousLimit = limit;
            limit = Math.min(max, slowStart ? limit * 2 : limit + Math.max(1, limit / 4));
        } else {
            settle();
        }
    }

    private void settle() {
        slowStart = false;
        probing = false;
        steadyWindows = 0;
    }

    private void openWindow(long nanoTime) {
        windowOpen = true;
        windowStart = nanoTime;
        windowBytes = 0;
    }

    @Override
    public synchronized String toString() {
        return "AdaptiveConcurrency{limit=" + limit + ", max=" + max + (probing ? ", probing" : ", steady") + "}";
    }
}
