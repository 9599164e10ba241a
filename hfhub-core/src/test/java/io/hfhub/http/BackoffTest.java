package io.hfhub.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesFromOneSecondCappedAtEightWithAtMostAQuarterOfJitter() {
        long[] expected = {1000, 2000, 4000, 8000, 8000};
        for (int retry = 1; retry <= expected.length; retry++) {
            long ms = Backoff.DEFAULT.delay(retry, null).toMillis();
            assertThat(ms).isBetween(expected[retry - 1], expected[retry - 1] * 5 / 4);
        }
    }

    @Test
    void retryAfterSecondsWinsAndDatesAreIgnored() {
        assertThat(Backoff.DEFAULT.delay(1, "3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(Backoff.DEFAULT.delay(1, "Wed, 21 Oct 2015 07:28:00 GMT").toMillis()).isBetween(1000L, 1250L);
        assertThat(Backoff.DEFAULT.delay(1, "100000")).isEqualTo(Duration.ofMinutes(5));
    }
}
