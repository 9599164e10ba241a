package io.hfhub.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CompletedRangesTest {

    @Test
    void mergesRangesFinishingOutOfOrderAndAdvancesThePrefix() {
        CompletedRanges done = new CompletedRanges();

        done.add(20, 29);
        assertThat(done.contiguousPrefix()).isZero();
        done.add(0, 9);
        assertThat(done.contiguousPrefix()).isEqualTo(10);
        assertThat(done.ranges()).containsExactly(new ByteRange(0, 9), new ByteRange(20, 29));

        done.add(10, 19); // adjacent on both sides: everything becomes one range
        assertThat(done.ranges()).containsExactly(new ByteRange(0, 29));
        assertThat(done.contiguousPrefix()).isEqualTo(30);
        assertThat(done.completedBytes()).isEqualTo(30);
    }

    @Test
    void overlappingAndContainedRangesAreCountedOnce() {
        CompletedRanges done = new CompletedRanges();
        done.add(10, 20);
        done.add(15, 25);
        done.add(12, 13);
        done.add(5, 30);
        done.add(40, 50);
        done.add(0, 45);

        assertThat(done.ranges()).containsExactly(new ByteRange(0, 50));
        assertThat(done.completedBytes()).isEqualTo(51);
    }

    @Test
    void missingListsTheGapsWithinTheFile() {
        CompletedRanges done = new CompletedRanges();
        done.add(0, 9);
        done.add(20, 29);
        done.add(95, 120); // beyond the end: ignored by missing()

        assertThat(done.missing(100)).containsExactly(new ByteRange(10, 19), new ByteRange(30, 94));
        assertThat(done.missing(25)).containsExactly(new ByteRange(10, 19));
        assertThat(new CompletedRanges().missing(5)).containsExactly(new ByteRange(0, 4));
        assertThat(new CompletedRanges().missing(0)).isEmpty();
        assertThat(done.isComplete(10)).isTrue();
        assertThat(done.isComplete(11)).isFalse();
    }

    @Test
    void rebuildsWhatAResumeStateRecorded() {
        CompletedRanges done = CompletedRanges.of(List.of(
                new ByteRange(8_388_608, 16_777_215), new ByteRange(0, 8_388_607), new ByteRange(33_554_432, 41_943_039)));

        assertThat(done.ranges()).containsExactly(new ByteRange(0, 16_777_215), new ByteRange(33_554_432, 41_943_039));
        assertThat(CompletedRanges.of(done.ranges()).ranges()).isEqualTo(done.ranges());
    }

    @Test
    void rangesEndingAtLongMaxDoNotOverflow() {
        CompletedRanges done = new CompletedRanges();
        done.add(Long.MAX_VALUE - 1, Long.MAX_VALUE);
        done.add(0, Long.MAX_VALUE - 2);

        assertThat(done.ranges()).containsExactly(new ByteRange(0, Long.MAX_VALUE));
    }

    @Test
    void concurrentAddsFromManyConnectionsLoseNothing() throws Exception {
        List<ByteRange> chunks = new ArrayList<>(RangePlan.plan(10_000, 0, 7));
        Collections.shuffle(chunks, new Random(42));
        CompletedRanges done = new CompletedRanges();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            chunks.forEach(c -> pool.execute(() -> done.add(c)));
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(done.ranges()).containsExactly(new ByteRange(0, 9_999));
        assertThat(done.contiguousPrefix()).isEqualTo(10_000);
    }
}
