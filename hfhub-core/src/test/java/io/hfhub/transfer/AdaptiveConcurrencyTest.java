package io.hfhub.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

class AdaptiveConcurrencyTest {
    private static final long MS = 1_000_000L;
    private static final long MB = 1_000_000L;

    /** A fake monotonic clock. */
    private long now = 1_000 * MS;

    private AdaptiveConcurrency controller(int initial, int max) {
        return new AdaptiveConcurrency(initial, max, Duration.ofSeconds(1), () -> now);
    }

    /** Feeds {@code seconds} of traffic in 100 ms samples, at a rate that depends on the current limit. */
    private void run(AdaptiveConcurrency c, int seconds, IntToLongFunction bytesPerSecondAtLimit) {
        for (int i = 0; i < seconds * 10; i++) {
            now += 100 * MS;
            c.onBytes(bytesPerSecondAtLimit.applyAsLong(c.limit()) / 10);
        }
    }

    @Test
    void rampsUpWhileEachConnectionAddsThroughput() {
        AdaptiveConcurrency c = controller(2, 16);

        run(c, 2, limit -> limit * 10 * MB); // per-connection cap: throughput scales with connections
        assertThat(c.limit()).isEqualTo(4); // slow start: the level doubles while each step pays off
        assertThat(c.isProbing()).isTrue();

        run(c, 30, limit -> limit * 10 * MB);
        assertThat(c.limit()).isEqualTo(16); // never above max
        assertThat(c.isProbing()).isFalse();
    }

    @Test
    void stepsBackAndHoldsWhenThroughputPlateaus() {
        AdaptiveConcurrency c = controller(2, 32);

        run(c, 12, limit -> Math.min(limit, 6) * 10 * MB); // the link saturates at 6 connections

        // slow start 2 → 4 → 8 (still +50 %) → 16 (no gain: back to 8); then +2 gains nothing either
        assertThat(c.limit()).isEqualTo(8);
        assertThat(c.isProbing()).isFalse();
    }

    @Test
    void smallGainsBelowTenPercentDoNotCountAsGrowth() {
        AdaptiveConcurrency c = controller(4, 32);

        run(c, 6, limit -> (100 + 5L * limit) * MB); // +5 MB/s per connection on ~120 MB/s: ~4 %

        assertThat(c.limit()).isEqualTo(4); // tried 5, saw no real gain, went back to 4
        assertThat(c.isProbing()).isFalse();
    }

    @Test
    void keepsClimbingPastTenConnectionsWhenEachOneStillHelps() {
        AdaptiveConcurrency c = controller(12, 64);

        run(c, 2, limit -> limit * 10 * MB);

        assertThat(c.limit()).isEqualTo(24); // doubling: 12, 24, 48, ...
        assertThat(c.isProbing()).isTrue();
    }

    @Test
    void probesAgainAfterHoldingSteady() {
        AdaptiveConcurrency c = controller(2, 32);
        run(c, 12, limit -> Math.min(limit, 6) * 10 * MB);
        assertThat(c.limit()).isEqualTo(8);

        // The bottleneck moves (another transfer ended): after the steady period the controller finds it.
        run(c, 30, limit -> Math.min(limit, 12) * 10 * MB);
        assertThat(c.limit()).isBetween(11, 12);
    }

    @Test
    void throttlingHalvesOncePerWindowAndNeverGoesBelowOne() {
        AdaptiveConcurrency c = controller(16, 32);

        c.onThrottled();
        assertThat(c.limit()).isEqualTo(8);
        assertThat(c.isProbing()).isFalse();

        now += 500 * MS;
        c.onThrottled(); // the same burst of 429s from connections opened before the cut
        assertThat(c.limit()).isEqualTo(8);

        now += 600 * MS;
        c.onThrottled();
        assertThat(c.limit()).isEqualTo(4);
        for (int i = 0; i < 5; i++) {
            now += 2_000 * MS;
            c.onThrottled();
        }
        assertThat(c.limit()).isEqualTo(1);
    }

    @Test
    void throttlingStopsTheRampUp() {
        AdaptiveConcurrency c = controller(4, 64);
        run(c, 4, limit -> limit * 10 * MB);
        int reached = c.limit();

        c.onThrottled();
        run(c, 5, limit -> limit * 10 * MB); // steady for a while: no immediate climb back

        assertThat(c.limit()).isEqualTo(reached / 2);
    }

    @Test
    void initialLevelIsClampedToBounds() {
        assertThat(controller(0, 8).limit()).isEqualTo(1);
        assertThat(controller(20, 8).limit()).isEqualTo(8);
        assertThat(AdaptiveConcurrency.withMax(2).limit()).isEqualTo(2);
    }

    @Test
    void firstSampleOnlyOpensTheWindow() {
        AdaptiveConcurrency c = controller(2, 8);
        c.onBytes(10_000 * MB, now); // a huge first read must not count as one second of traffic
        now += 1_000 * MS;
        c.onBytes(1, now);
        now += 1_000 * MS;
        c.onBytes(100 * MB, now);

        // Window 1 measured ~0 B/s (baseline, step up to 4); window 2 measured 100 MB/s (paid off, up to 8).
        assertThat(c.limit()).isEqualTo(8);
    }

    @Test
    void startsWhereAria2cStartsAndShedsConnectionsThatAddNothing() {
        AdaptiveConcurrency c = new AdaptiveConcurrency(AdaptiveConcurrency.DEFAULT_INITIAL, 8, Duration.ofSeconds(1),
                () -> now);
        assertThat(c.limit()).isEqualTo(8);

        run(c, 12, limit -> 500 * MB); // one stream fills the link: every level carries the same

        assertThat(c.limit()).isEqualTo(1); // 8 → 4 → 2 → 1, each keeping all of the throughput
        assertThat(c.isProbing()).isFalse();
    }

    @Test
    void keepsEveryConnectionUnderAPerConnectionCapAndTriesSheddingOnlyOnce() {
        AdaptiveConcurrency c = controller(8, 8);
        int[] lowest = {8};

        for (int i = 0; i < 600; i++) { // a minute, in 100 ms samples
            now += 100 * MS;
            c.onBytes(c.limit() * 5 * MB);
            lowest[0] = Math.min(lowest[0], c.limit());
            if (i == 70) {
                assertThat(lowest[0]).isEqualTo(4); // tried half once: it carried half, so back to 8
            }
        }

        assertThat(c.limit()).isEqualTo(8);
        assertThat(lowest[0]).isEqualTo(4);
    }

    @Test
    void aDownloadShorterThanTheSteadyPeriodNeverSheds() {
        AdaptiveConcurrency c = controller(8, 8);

        run(c, AdaptiveConcurrency.STEADY_WINDOWS_BEFORE_SHED, limit -> 400 * MB);

        assertThat(c.limit()).isEqualTo(8);
    }

    /** An opening controller whose first window is open (the first report only opens it), so windows end on seconds. */
    private AdaptiveConcurrency opening(int max) {
        AdaptiveConcurrency c = AdaptiveConcurrency.opening(max, Duration.ofSeconds(1), () -> now);
        c.onBytes(64 * 1024);
        return c;
    }

    @Test
    void theOpeningTrialFindsWithinFourWindowsThatOneStreamFillsTheLink() {
        AdaptiveConcurrency c = opening(8);
        assertThat(c.limit()).isEqualTo(AdaptiveConcurrency.DEFAULT_INITIAL); // where aria2c starts
        List<Integer> levels = new ArrayList<>();

        for (int second = 0; second < 5; second++) {
            levels.add(c.limit());
            run(c, 1, limit -> 500 * MB); // every level carries the same
        }

        // warm-up, measured, a quarter let go, then one stream proved itself
        assertThat(levels).containsExactly(8, 8, 6, 1, 1);
        assertThat(c.isProbing()).isFalse();
        run(c, AdaptiveConcurrency.STEADY_WINDOWS_BEFORE_PROBE - 2, limit -> 500 * MB);
        assertThat(c.limit()).isEqualTo(1);
    }

    @Test
    void theOpeningTrialKeepsEveryConnectionUnderAPerConnectionCapAtTheCostOfAQuarterOfOneWindow() {
        AdaptiveConcurrency c = opening(8);
        int[] lowest = {8};
        int windowsBelow = 0;

        for (int i = 0; i < 600; i++) { // a minute, in 100 ms samples
            now += 100 * MS;
            c.onBytes(c.limit() * 50 * MB / 10);
            lowest[0] = Math.min(lowest[0], c.limit());
            windowsBelow += c.limit() < 8 ? 1 : 0;
        }

        assertThat(lowest[0]).isEqualTo(6);
        assertThat(windowsBelow).isEqualTo(10); // one window of 10 samples at 6, never shed again
        assertThat(c.limit()).isEqualTo(8);
    }

    @Test
    void aStartWindowThatUnderMeasuresIsCaughtByOneStreamAndRestoresEveryConnection() {
        AdaptiveConcurrency c = opening(8);
        List<Integer> levels = new ArrayList<>();

        run(c, 1, limit -> 50 * MB); // the warm-up window is not measured
        levels.add(c.limit());
        run(c, 1, limit -> 100 * MB); // still warming up: 8 connections capped at 50 MB/s each bring only 100
        levels.add(c.limit());
        run(c, 1, limit -> limit * 50 * MB); // warm: 6 bring 300, which looks as if the quarter let go added nothing
        levels.add(c.limit());
        run(c, 1, limit -> limit * 50 * MB); // one stream brings 50: not the link's limit
        levels.add(c.limit());

        assertThat(levels).containsExactly(8, 6, 1, 8); // every connection back, not the 6 of the trial
    }

    @Test
    void aLinkFullWithAFewConnectionsKeepsTheTrialLevelOnlyWhenOneStreamIsNotEnough() {
        AdaptiveConcurrency c = opening(8);

        // 4 connections of 50 MB/s fill a 200 MB/s link; one stream has a window to settle, then one measured
        run(c, 5, limit -> Math.min(limit, 4) * 50 * MB);

        assertThat(c.limit()).isEqualTo(8); // 6 held, 1 did not: back to the start, throughput before connections
        assertThat(c.isProbing()).isFalse();
    }

    @Test
    void throttlingDuringTheOpeningEndsItAndHalves() {
        AdaptiveConcurrency c = opening(8);
        run(c, 2, limit -> 500 * MB);
        assertThat(c.limit()).isEqualTo(6);

        c.onThrottled();
        run(c, 3, limit -> 500 * MB);

        assertThat(c.limit()).isEqualTo(3); // halved, and no one-stream trial after a server said it is overloaded
    }

    @Test
    void anOpeningWithOneConnectionAllowedHasNothingToTry() {
        AdaptiveConcurrency c = opening(1);
        run(c, 3, limit -> 500 * MB);
        assertThat(c.limit()).isEqualTo(1);
    }

    @Test
    void oneStreamOnTrialThatCarriesAFractionIsStoppedAfterHalfAWindow() {
        AdaptiveConcurrency c = opening(8);
        run(c, 1, limit -> 500 * MB); // warm-up
        run(c, 2, limit -> 500 * MB); // 8, then 6 carry the same: one stream is tried
        assertThat(c.limit()).isEqualTo(1);

        for (int i = 0; i < 5; i++) {
            now += 100 * MS;
            c.onBytes(5 * MB); // 50 MB/s: a tenth of what 6 carried
            assertThat(c.limit()).as("after %d ms", (i + 1) * 100).isEqualTo(i < 4 ? 1 : 8);
        }
    }

    private AdaptiveConcurrency rampingUp(int max) {
        AdaptiveConcurrency c = AdaptiveConcurrency.rampingUp(max, Duration.ofSeconds(1), () -> now);
        c.onBytes(64 * 1024);
        return c;
    }

    @Test
    void rampingUpOverTlsTriesTwoConnectionsOnceAndStaysWithOneStreamThatFillsTheLink() {
        AdaptiveConcurrency c = rampingUp(8);
        List<Integer> levels = new ArrayList<>();

        for (int second = 0; second < 6; second++) {
            levels.add(c.limit());
            // the first window is cold (a fifth of the rate): were it measured, 2 connections would look like a gain
            long rate = second == 0 ? 100 * MB : 500 * MB;
            run(c, 1, limit -> rate);
        }

        // warm-up, one stream measured, two tried, given back
        assertThat(levels).containsExactly(1, 1, 2, 1, 1, 1);
        assertThat(c.isProbing()).isFalse();
    }

    @Test
    void rampingUpOverTlsReachesEveryConnectionUnderAPerConnectionCap() {
        AdaptiveConcurrency c = rampingUp(8);
        List<Integer> levels = new ArrayList<>();

        for (int second = 0; second < 7; second++) {
            levels.add(c.limit());
            run(c, 1, limit -> limit * 50 * MB);
        }

        assertThat(levels).containsExactly(1, 1, 2, 4, 8, 8, 8);
    }

    @Test
    void rampingUpAddsNoConnectionWhileTheCoresAreBusyAndGoesOnOnceTheyAreNot() {
        double[] idle = {0.2}; // cores idle during the window just measured, by the controller's meter
        AdaptiveConcurrency c = rampingUp(8).idleCores(() -> idle[0]);
        List<Integer> levels = new ArrayList<>();

        // two connections would receive more (say TLS decryption on a second core), but no core is free for it
        for (int second = 0; second < 14; second++) {
            levels.add(c.limit());
            run(c, 1, limit -> limit * 50 * MB);
        }
        assertThat(levels).containsOnly(1);

        idle[0] = 1.5; // the cores are free again: the next probe (after ten steady windows) goes ahead and pays
        for (int second = 0; second < 12; second++) {
            run(c, 1, limit -> limit * 50 * MB);
        }
        assertThat(c.limit()).isGreaterThan(1);
    }

    @Test
    void anUnknownMeterHoldsNoProbeBack() {
        AdaptiveConcurrency c = rampingUp(8).idleCores(() -> Double.NaN);
        List<Integer> levels = new ArrayList<>();

        for (int second = 0; second < 5; second++) {
            levels.add(c.limit());
            run(c, 1, limit -> limit * 50 * MB);
        }

        assertThat(levels).containsExactly(1, 1, 2, 4, 8);
    }

    @Test
    void theOpeningTrialIsSkippedWhenTooFewWindowsOfBytesAreLeftForItToPay() {
        // 8 connections at 50 MB/s each: 400 MB per window; of 1,800 MB, 1,000 (2.5 windows) are left at the decision
        AdaptiveConcurrency c = AdaptiveConcurrency.opening(8, Duration.ofSeconds(1), () -> now, 1_800 * MB);
        List<Integer> levels = new ArrayList<>();
        c.onBytes(64 * 1024);

        for (int window = 0; window < 4; window++) {
            levels.add(c.limit());
            for (int i = 0; i < 10; i++) {
                now += 100 * MS;
                c.onBytes(c.limit() * 50 * MB / 10);
            }
        }

        assertThat(levels).containsExactly(8, 8, 8, 8); // the trial's window at 6 would cost a quarter of one
        assertThat(c.isProbing()).isFalse();
    }

    @Test
    void theOpeningTrialStillRunsWhenEnoughBytesAreLeft() {
        AdaptiveConcurrency c = AdaptiveConcurrency.opening(8, Duration.ofSeconds(1), () -> now, 10_000 * MB);
        List<Integer> levels = new ArrayList<>();
        c.onBytes(64 * 1024);

        for (int second = 0; second < 5; second++) {
            levels.add(c.limit());
            run(c, 1, limit -> 500 * MB);
        }

        assertThat(levels).containsExactly(8, 8, 6, 1, 1);
    }
}
