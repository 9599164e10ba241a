package io.hfhub.transfer;

import java.time.Duration;
import java.util.function.DoubleSupplier;
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
 *   <li><b>Shedding</b>, once per controller: after {@value #STEADY_WINDOWS_BEFORE_SHED} steady windows, halve the
 *       level and measure. If the halved level carries at least {@value #SHED_KEEP_PERCENT} % of the throughput,
 *       the connections let go added nothing (one stream fills the link): keep halving. Otherwise restore the
 *       level. This is what lets the controller start at {@link #DEFAULT_INITIAL} connections, where
 *       {@code aria2c -x8} starts (measured on a CDN capping each connection at 50 MB/s: starting at 4 and doubling
 *       after a 250 ms window left a 256 MiB download 1.2x slower than aria2c's), without keeping connections that
 *       do not add throughput; shedding waits for a steady second so a short download never pays for the probe. A
 *       controller made by {@link #opening} replaces this probe with its opening trial, decided within five
 *       windows.</li>
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
    /**
     * Connections to start with: aria2c's {@code -x8 -s8}, so that a CDN capping each connection is used fully from
     * the first window; connections that add nothing are shed later.
     */
    public static final int DEFAULT_INITIAL = 8;
    /** Length of one measuring window. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(1);
    /** Throughput an added connection must bring, in percent of an existing connection's average, to count. */
    public static final int MIN_MARGINAL_PERCENT = 40;
    /** Steady windows after which the controller probes upwards again. */
    public static final int STEADY_WINDOWS_BEFORE_PROBE = 10;
    /** Steady windows after which the controller tries, once, whether half the connections carry as much. */
    public static final int STEADY_WINDOWS_BEFORE_SHED = 4;
    /** Share of the throughput, in percent, that half the connections must keep for the other half to go. */
    public static final int SHED_KEEP_PERCENT = 90;
    /** The opening trial's level, in percent of the start level: a quarter of the connections let go. */
    public static final int OPENING_TRIAL_PERCENT = 75;
    /**
     * One stream on trial that carries less than this share, in percent, of the level before it after half a window
     * is not given the other half: on a capped CDN it carries a sixth, and every millisecond at one stream costs. Not
     * higher: the first milliseconds after the switch also carry its transient (the connections let go, the hash
     * reading back what they wrote ahead), and cut short at 50 % one stream was sent back to 8 on the loopback CDN
     * after 11 MB (2026-11-30 03:37 UTC, load 4 on 2 cores).
     */
    public static final int ONE_STREAM_EARLY_PERCENT = 25;
    /**
     * Share of the trial level's throughput, in percent, that one stream must carry to be kept. Lower than
     * {@value #SHED_KEEP_PERCENT}: the rate compared is bytes received, which does not count what parallel
     * connections cost besides -- their out-of-order bytes read back for the hash, readers competing with the hasher
     * for the cores. On the bench's loopback CDN (2 cores, 2026-11-30 04:41 UTC) the trial sent 5 of 6 downloads
     * of 1 GiB back to 8 connections at 90 %, and the default took 2.12 s where one stream took 1.97 s. A CDN that
     * caps each connection gives one stream a sixth of 6 connections, far below either share.
     */
    public static final int ONE_STREAM_KEEP_PERCENT = 75;
    /**
     * The opening trial is skipped when fewer than this many windows of bytes are left at the measured rate: letting
     * a quarter of the connections go costs a link that caps each connection a quarter of one window, and one
     * stream can save a link it fills at most a share of what is left; with under four windows left that share
     * cannot pay for it. Measured 2026-11-30 04:13 UTC (bench/run.sh, 2 cores): 256 MiB from a CDN capping each
     * connection at 50 MB/s took 1.16 s with the trial against aria2c -x8's 1.08 s; at 400 MB/s, about two and a
     * half windows are left at the trial's decision. A 1 GiB file on a link one stream fills still has about ten.
     */
    public static final int OPENING_MIN_WINDOWS_LEFT = 4;
    /**
     * Idle cores, on the machine as a whole, that a window must have left for the controller to add connections
     * (see {@link #idleCores}). Half a core: a connection that fills its share needs about that much (reading,
     * and decrypting over TLS); measured 2026-11-30 on the bench's 2 cores (sampled every 150 ms), one stream of
     * 1 GiB left 0.04-0.4 cores idle over HTTPS and 0.2-0.5 over plain HTTP.
     */
    public static final double MIN_IDLE_CORES_TO_PROBE = 0.5;

    private final int max;
    private final long windowNanos;
    private final LongSupplier nanoClock;
    private DoubleSupplier idleCores = () -> Double.NaN;

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
    private boolean shedding; // measuring a halved level
    private boolean shedTried;
    private int shedFrom; // the level before the last halving
    private double shedBaseline; // bytes/s at shedFrom
    private Opening opening = Opening.NONE;
    private int openedAt; // the start level of the opening trial
    private double openingBaseline; // bytes/s of the window the opening compares with
    private long remaining = Long.MAX_VALUE; // bytes the transfer still needs; unknown: MAX_VALUE

    /** The steps of the opening trial ({@link #opening}); NONE once decided, or for a controller that ramps up. */
    private enum Opening { NONE, WARM_UP, START, TRIAL, ONE_STREAM_SETTLING, ONE_STREAM, RAMP_WARM_UP }

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

    /**
     * A controller that starts with {@code min(}{@link #DEFAULT_INITIAL}{@code , max)} connections and decides within
     * five windows whether it needs them (the <b>opening trial</b>): the first window only warms up; after the
     * second it lets a quarter of them go; if the rest carry at least {@value #SHED_KEEP_PERCENT} % of the
     * throughput, the link is full with fewer, so it tries one stream, which gets a window to settle and is kept if
     * it then carries {@value #ONE_STREAM_KEEP_PERCENT} % of it; otherwise it goes back to the start level, the
     * connections were each carrying their share. Then it holds steady and probes as any controller.
     *
     * <p>Why this shape (measured 2026-11-30 on the bench's loopback CDN, 2 cores): a link that one stream fills is
     * slower with 8 connections (2.71 s against 2.49 s for 1 GiB: the bytes arrive out of order and are read back
     * for the hash, eight readers share the cores with the hasher); a CDN capping each connection at 50 MB/s needs
     * all 8 from the start (aria2c's {@code -x8}), where every window spent below costs its share of a 256 MiB
     * download of about a second. Letting only a quarter go costs that CDN a quarter of one window; measuring one
     * stream comes only after the link proved full. A window still warming up (the JIT, the first connections)
     * under-measures the start level, which can only bias the trial towards fewer connections: so the first window
     * is not measured, one stream must prove itself against the latest window, else the start level is restored in
     * full, and one stream that carries less than a quarter after half a window is not given the rest of it.
     */
    public static AdaptiveConcurrency opening(int max, Duration window, LongSupplier nanoClock) {
        return opening(max, window, nanoClock, Long.MAX_VALUE);
    }

    /**
     * An {@link #opening} controller for a transfer of {@code bytes}: the trial is skipped when fewer than
     * {@value #OPENING_MIN_WINDOWS_LEFT} windows of bytes are left at the rate the start level measured.
     */
    public static AdaptiveConcurrency opening(int max, Duration window, LongSupplier nanoClock, long bytes) {
        AdaptiveConcurrency c = new AdaptiveConcurrency(DEFAULT_INITIAL, max, window, nanoClock);
        c.remaining = bytes;
        if (c.limit > 1) {
            c.opening = Opening.WARM_UP;
        }
        return c;
    }

    /**
     * A controller that starts with one connection and adds more only while they pay: its first window only warms
     * up (a cold JVM under-measures it, which would bias the ramp towards more connections), the next measures one
     * stream, then it probes upwards as any controller, doubling while each step pays.
     *
     * <p>For a source whose every connection costs a TLS handshake (the scheduler asks
     * {@link RangeSource#handshakePerConnection}). Measured 2026-11-30 on the bench's loopback HTTPS CDN, 2 cores
     * shared with nginx's encryption: the opening trial's 8 connections made 1 GiB 1.26x slower than one stream
     * (4.86 s against 3.88 s, median of 5 pairs), each extra connection costing 0.2-0.9 s of CPU per GiB (a handshake
     * in a cold JVM, and decryption competing with the hash); 2 connections at best tie with one there. A link that
     * caps each connection still reaches 8 within three more windows.
     */
    public static AdaptiveConcurrency rampingUp(int max, Duration window, LongSupplier nanoClock) {
        AdaptiveConcurrency c = new AdaptiveConcurrency(1, max, window, nanoClock);
        if (c.max > 1) {
            c.opening = Opening.RAMP_WARM_UP;
        }
        return c;
    }

    /** A controller with the default start level and window on the system's monotonic clock. */
    public static AdaptiveConcurrency withMax(int max) {
        return new AdaptiveConcurrency(DEFAULT_INITIAL, max, DEFAULT_WINDOW, System::nanoTime);
    }

    /**
     * Lets the controller ask, at each window, how many cores were idle during it (NaN: unknown), and add
     * connections only while at least {@value #MIN_IDLE_CORES_TO_PROBE} were: where the cores are busy, a
     * connection more only takes CPU from the others and from the hash, and receiving faster then does not mean
     * finishing sooner (the bytes wait to be hashed; over TLS every connection also decrypts). The byte counts
     * cannot tell: on the bench's loopback HTTPS CDN (2 cores) the ramp went to 2 and 4 connections and back
     * again in every run, as each step received more; with the meter 5 of 6 runs settled at one stream after the
     * first probe (2026-11-30; wall time 0.94x and 1.00x of before in two sets of 8 pairs, within the noise).
     * A CDN that caps each connection leaves the cores idle, so its probes go on as before (the capped bench row
     * 0.98x). Without a meter, or where it is unknown, probes are decided on bytes alone.
     *
     * @return this controller, for chaining
     */
    public synchronized AdaptiveConcurrency idleCores(DoubleSupplier meter) {
        this.idleCores = meter;
        return this;
    }

    /** The number of connections to use now. */
    public synchronized int limit() {
        return limit;
    }

    /** Whether the controller holds steady at one connection: not in its opening, not probing, not shedding. */
    public synchronized boolean steadyAtOne() {
        return limit == 1 && opening == Opening.NONE && !probing && !shedding;
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
        if (remaining != Long.MAX_VALUE) {
            remaining = Math.max(0, remaining - n);
        }
        if (!windowOpen) {
            openWindow(nanoTime);
            return;
        }
        windowBytes += n;
        long elapsed = nanoTime - windowStart;
        boolean oneStreamOnTrial = opening == Opening.ONE_STREAM_SETTLING || opening == Opening.ONE_STREAM;
        if (elapsed >= windowNanos || oneStreamOnTrial && elapsed >= windowNanos / 2
                && windowBytes * 1e9 / elapsed * 100 < openingBaseline * ONE_STREAM_EARLY_PERCENT) {
            decide(windowBytes * 1e9 / elapsed, idleCores.getAsDouble());
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
        opening = Opening.NONE;
        limit = Math.max(1, limit / 2);
        slowStart = false;
        probing = false;
        shedding = false;
        steadyWindows = 0;
        baseline = Double.NaN;
        openWindow(now);
    }

    private void decide(double throughput, double idle) {
        if (opening != Opening.NONE) {
            open(throughput);
            return;
        }
        if (shedding) {
            shed(throughput);
            return;
        }
        if (!probing) {
            ++steadyWindows;
            if (!shedTried && limit > 1 && steadyWindows >= STEADY_WINDOWS_BEFORE_SHED) {
                shedTried = true;
                shedding = true;
                halve(throughput);
                return;
            }
            if (steadyWindows >= STEADY_WINDOWS_BEFORE_PROBE) {
                if (coresBusy(idle)) {
                    steadyWindows = 0; // ask again after as many windows
                    return;
                }
                probing = true;
                baseline = throughput;
                stepUp();
            }
            return;
        }
        if (Double.isNaN(baseline) || paidOff(throughput)) {
            if (coresBusy(idle)) {
                settle(); // this level, whether the last step paid or not: no core for another connection
                return;
            }
            baseline = throughput;
            stepUp();
        } else {
            limit = previousLimit; // the connections added last did not help: give them back
            settle();
        }
    }

    /** One window of the opening trial (see {@link #opening}). */
    private void open(double throughput) {
        switch (opening) {
            case WARM_UP -> opening = Opening.START; // connections still opening, the JIT still compiling
            case RAMP_WARM_UP -> opening = Opening.NONE; // the next window measures one stream, then probing goes on
            case START -> {
                if (remaining < throughput * windowNanos / 1e9 * OPENING_MIN_WINDOWS_LEFT) {
                    endOpening(limit); // too little left for the trial to pay for itself
                    return;
                }
                openedAt = limit;
                openingBaseline = throughput;
                limit = Math.max(1, limit * OPENING_TRIAL_PERCENT / 100);
                opening = Opening.TRIAL;
            }
            case TRIAL -> {
                if (holds(throughput, openingBaseline) && limit > 1) {
                    openingBaseline = throughput;
                    limit = 1;
                    opening = Opening.ONE_STREAM_SETTLING;
                } else {
                    endOpening(holds(throughput, openingBaseline) ? limit : openedAt);
                }
            }
            case ONE_STREAM_SETTLING -> {
                // the switch's transient (connections let go, the hash reading back what they wrote ahead) held one
                // stream at a quarter to two thirds of its rate for this window (2026-11-30 04:50 UTC): measure the
                // next; a stream far below (a capped CDN) is stopped here after half a window, as in the next
                if (throughput * 100 < openingBaseline * ONE_STREAM_EARLY_PERCENT) {
                    endOpening(openedAt);
                } else {
                    opening = Opening.ONE_STREAM;
                }
            }
            case ONE_STREAM -> endOpening(
                    throughput * 100 >= openingBaseline * ONE_STREAM_KEEP_PERCENT ? 1 : openedAt);
            default -> throw new AssertionError(opening);
        }
    }

    private static boolean coresBusy(double idle) {
        return idle < MIN_IDLE_CORES_TO_PROBE; // false for NaN: unknown never holds a probe back
    }

    private static boolean holds(double throughput, double before) {
        return throughput * 100 >= before * SHED_KEEP_PERCENT;
    }

    private void endOpening(int level) {
        limit = level;
        opening = Opening.NONE;
        shedTried = true; // the opening was the shedding probe
        settle();
    }

    /** One window at a halved level: keep it (and halve again) if it carried nearly as much, else restore. */
    private void shed(double throughput) {
        if (throughput * 100 >= shedBaseline * SHED_KEEP_PERCENT) {
            if (limit > 1) {
                halve(throughput);
                return;
            }
        } else {
            limit = shedFrom; // the connections let go were carrying their share: take them back
        }
        shedding = false;
        settle();
    }

    private void halve(double throughput) {
        shedFrom = limit;
        shedBaseline = throughput;
        limit = Math.max(1, limit / 2);
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
        return "AdaptiveConcurrency{limit=" + limit + ", max=" + max
                + (opening != Opening.NONE ? ", opening" : shedding ? ", shedding" : probing ? ", probing" : ", steady")
                + "}";
    }
}
