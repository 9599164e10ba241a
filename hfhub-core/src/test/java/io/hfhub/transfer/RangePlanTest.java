package io.hfhub.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RangePlanTest {
    private static final long MIB = 1 << 20;

    @Test
    void emptyFileNeedsNoRange() {
        assertThat(RangePlan.plan(0)).isEmpty();
    }

    @Test
    void fileUpToTheThresholdIsOneRange() {
        assertThat(RangePlan.plan(1)).containsExactly(new ByteRange(0, 0));
        assertThat(RangePlan.plan(32 * MIB)).containsExactly(new ByteRange(0, 32 * MIB - 1));
    }

    @Test
    void fileAboveTheThresholdIsCutIntoChunks() {
        List<ByteRange> ranges = RangePlan.plan(32 * MIB + 1);

        assertThat(ranges).hasSize(5);
        assertThat(ranges.get(0)).isEqualTo(new ByteRange(0, 8 * MIB - 1));
        assertThat(ranges.get(3)).isEqualTo(new ByteRange(24 * MIB, 32 * MIB - 1));
        assertThat(ranges.get(4)).isEqualTo(new ByteRange(32 * MIB, 32 * MIB));
        assertThat(ranges.get(0).toHeaderValue()).isEqualTo("bytes=0-8388607");
    }

    @Test
    void sizeThatIsAMultipleOfTheChunkHasNoShortTail() {
        List<ByteRange> ranges = RangePlan.plan(40 * MIB);

        assertThat(ranges).hasSize(5).allSatisfy(r -> assertThat(r.length()).isEqualTo(8 * MIB));
        assertThat(ranges.get(4).end()).isEqualTo(40 * MIB - 1);
    }

    @Test
    void customThresholdAndChunk() {
        assertThat(RangePlan.plan(10, 4, 3)).containsExactly(
                new ByteRange(0, 2), new ByteRange(3, 5), new ByteRange(6, 8), new ByteRange(9, 9));
        assertThat(RangePlan.plan(10, 0, 10)).containsExactly(new ByteRange(0, 9));
    }

    @Test
    void splitKeepsOrderAndHandlesHugeOffsets() {
        assertThat(RangePlan.split(List.of(new ByteRange(5, 9), new ByteRange(20, 21)), 2)).containsExactly(
                new ByteRange(5, 6), new ByteRange(7, 8), new ByteRange(9, 9), new ByteRange(20, 21));
        assertThat(RangePlan.split(List.of(new ByteRange(Long.MAX_VALUE - 2, Long.MAX_VALUE)), 2)).containsExactly(
                new ByteRange(Long.MAX_VALUE - 2, Long.MAX_VALUE - 1), new ByteRange(Long.MAX_VALUE, Long.MAX_VALUE));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> RangePlan.plan(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RangePlan.plan(10, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ByteRange(5, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
