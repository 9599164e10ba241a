package io.hfhub.cli;

import io.hfhub.ProgressListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows downloads on stderr: a bar per file (bytes, rate, ETA) on a terminal; otherwise at most one line per
 * file when it finishes; nothing at all when quiet.
 */
final class ProgressRenderer implements ProgressListener, AutoCloseable {
    enum Mode { BARS, LINES, QUIET }

    /** How a download names the events of the extraction that follows it (see {@code ProgressListener}). */
    private static final String EXTRACTING = " (extracting)";

    private final Mode mode;
    private final PrintStream err;
    private final Map<String, ProgressBar> bars = new ConcurrentHashMap<>();
    private final Map<String, Long> startedAt = new ConcurrentHashMap<>();

    ProgressRenderer(Mode mode, PrintStream err) {
        this.mode = mode;
        this.err = err;
    }

    /**
     * Bars on a terminal, lines when stderr is not one; quiet with {@code --quiet} or
     * {@code HF_HUB_DISABLE_PROGRESS_BARS=1} (then also no lines, as the Python client hides its bars).
     */
    static ProgressRenderer forEnvironment(boolean quiet, PrintStream err) {
        String disabled = System.getenv("HF_HUB_DISABLE_PROGRESS_BARS");
        boolean off = disabled != null && (disabled.equals("1") || disabled.equalsIgnoreCase("true"));
        if (quiet || off) {
            return new ProgressRenderer(Mode.QUIET, err);
        }
        return new ProgressRenderer(System.console() != null ? Mode.BARS : Mode.LINES, err);
    }

    Mode mode() {
        return mode;
    }

    @Override
    public void started(String name, long total, long alreadyDone) {
        startedAt.put(name, System.nanoTime());
        if (mode == Mode.BARS) {
            ProgressBar bar = new ProgressBarBuilder()
                    .setTaskName(shorten(name))
                    .setInitialMax(Math.max(total, 0))
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUnit("MiB", 1024 * 1024)
                    .showSpeed()
                    .setUpdateIntervalMillis(200)
                    .startsFrom(alreadyDone, Duration.ZERO)
                    .setConsumer(new ConsoleProgressBarConsumer(err))
                    .build();
            ProgressBar old = bars.put(name, bar);
            if (old != null) {
                old.close();
            }
        }
    }

    @Override
    public void progress(String name, long done, long total) {
        ProgressBar bar = bars.get(name);
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void retrying(String name, int attempt, String reason, long delayMillis) {
        if (mode == Mode.BARS) {
            ProgressBar bar = bars.get(name);
            if (bar != null) {
                bar.setExtraMessage(" retry " + attempt);
            }
        }
    }

    @Override
    public void finished(String name, long total) {
        ProgressBar bar = bars.remove(name);
        if (bar != null) {
            bar.stepTo(total);
            bar.close();
        } else if (mode == Mode.LINES) {
            Long start = startedAt.get(name);
            double seconds = start == null ? 0 : (System.nanoTime() - start) / 1e9;
            String size = total < 1000 ? total + " bytes" : HumanFormat.size(total) + "B";
            if (name.endsWith(EXTRACTING)) {
                err.printf("extracted %s (%s in %.1f s)%n", name.substring(0, name.length() - EXTRACTING.length()), size, seconds);
            } else {
                err.printf("downloaded %s (%s in %.1f s)%n", name, size, seconds);
            }
        }
        startedAt.remove(name);
    }

    @Override
    public void failed(String name, Throwable error) {
        ProgressBar bar = bars.remove(name);
        if (bar != null) {
            bar.close();
        }
        startedAt.remove(name);
    }

    @Override
    public void close() {
        bars.values().forEach(ProgressBar::close);
        bars.clear();
    }

    private static String shorten(String name) {
        return name.length() <= 40 ? name : "…" + name.substring(name.length() - 39);
    }
}
