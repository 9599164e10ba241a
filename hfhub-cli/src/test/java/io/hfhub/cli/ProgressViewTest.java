package io.hfhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The status line's content at any width, and text from outside made safe to print. */
class ProgressViewTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @Test
    void theAggregateLineCountsFilesAndScalesUnitsAtEveryWidth() {
        try (ProgressView view = ProgressView.of(ProgressView.Mode.LINES, true, err, 80)) {
            assertThat(view.frame(79)).isEmpty(); // nothing known yet: nothing drawn
            view.planned(3, 3_500_000);
            view.started("a.bin", 1_500_000, 0);
            view.progress("a.bin", 750_000, 1_500_000);
            view.finished("b.txt", 2_000);
            for (int width = 10; width <= 200; width++) {
                assertThat(Terminal.width(view.frame(width))).as("width %d", width).isLessThanOrEqualTo(width);
            }
            assertThat(view.frame(119)).startsWith("Fetching 1/3 files   21% [").contains("752.0 kB/3.5 MB");
            assertThat(view.frame(39)).startsWith("Fetching 1/3 files   21%").doesNotContain("[");
        }
    }

    @Test
    void aRetryReplacesTheRateUntilItsWaitIsOver() {
        try (ProgressView view = ProgressView.of(ProgressView.Mode.LINES, false, err, 80)) {
            view.retrying("config.json", 2, "HTTP 503", 4000);
            assertThat(view.frame(79)).isEqualTo("retry 2 in 4.0 s (HTTP 503)");
            view.started("config.json", 2_000_000, 0);
            assertThat(view.frame(79)).startsWith("config.json    0%").endsWith("retry 2 in 4.0 s (HTTP 503)");
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("retrying config.json in 4.0 s (attempt 2 failed: HTTP 503)\n");
    }

    @Test
    void serverTextIsEscapedAndWideTextCutByColumns() {
        assertThat(Terminal.printable("evil\u001b[2Jname\r\n")).isEqualTo("evil\\e[2Jname\\r\\n");
        assertThat(Terminal.printable("a\u202eb")).isEqualTo("a\\u202eb");
        assertThat(Terminal.fit("数据集数据集数据集", 10)).isEqualTo("数据集...");
        assertThat(Terminal.width(Terminal.fit("数据集数据集数据集", 10))).isLessThanOrEqualTo(10);
        assertThat(Terminal.fit("short", 10)).isEqualTo("short");
    }
}
