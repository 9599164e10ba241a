package io.hfhub.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.transfer.HttpSource.Answer;
import org.junit.jupiter.api.Test;

/** What each HTTP answer to a range request means, decided without a socket. */
class HttpSourceTest {
    @Test
    void only206StartingWhereAskedIsABodyThere() {
        assertThat(HttpSource.classify(206, "bytes 100-199/1000", 100, true, true)).isEqualTo(new Answer.Body(100, false));
        assertThat(HttpSource.classify(206, "bytes 0-199/1000", 100, true, true)).isInstanceOf(Answer.Restart.class);
        assertThat(HttpSource.classify(206, null, 100, true, true)).isInstanceOf(Answer.Restart.class);
        assertThat(HttpSource.classify(206, "items 100-199/1000", 100, true, true)).isInstanceOf(Answer.Restart.class);
    }

    @Test
    void a200IsTheWholeFileAndSaysWhetherARangeWasIgnored() {
        assertThat(HttpSource.classify(200, null, 0, false, true)).isEqualTo(new Answer.Body(0, false));
        assertThat(HttpSource.classify(200, null, 100, true, true)).isEqualTo(new Answer.Body(0, true));
        assertThat(HttpSource.classify(200, null, 0, true, true)).isEqualTo(new Answer.Body(0, true));
    }

    @Test
    void a416ContradictsTheBytesHeld() {
        assertThat(HttpSource.classify(416, "bytes */50", 60, true, true)).isInstanceOf(Answer.Restart.class);
    }

    @Test
    void a403IsAnExpiredUrlOnlyOffTheHubsOrigin() {
        assertThat(HttpSource.classify(403, null, 0, false, true)).isInstanceOf(Answer.Expired.class);
        assertThat(HttpSource.classify(403, null, 0, false, false)).isInstanceOf(Answer.Refusal.class);
    }

    @Test
    void busyOrBrokenIsRetriedAndTheRestRefused() {
        for (int code : new int[] {408, 429, 500, 502, 503, 504}) {
            assertThat(HttpSource.classify(code, null, 0, false, true)).as("HTTP %d", code).isInstanceOf(Answer.Retry.class);
        }
        for (int code : new int[] {401, 404, 410}) {
            assertThat(HttpSource.classify(code, null, 0, false, true)).as("HTTP %d", code).isInstanceOf(Answer.Refusal.class);
        }
    }
}
