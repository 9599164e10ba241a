package io.hfhub.cli;

import io.hfhub.ProgressListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Renders downloads on stderr. On a terminal: one status line, rewritten five times a second, for the file in
 * flight or (for a whole repository) all files together with {@code n/N files}; retries and waits show in it as
 * they happen. Without a terminal: a line per finished file, per retry and per cache fallback. Nothing with
 * {@code --quiet}; with {@code HF_HUB_DISABLE_PROGRESS_BARS=1} no progress, but retries and fallbacks still.
 */
final class ProgressView implements ProgressListener, AutoCloseable {
    /** How a download names the events of the extraction that follows it (see {@code ProgressListener}). */
    private static final String EXTRACTING = " (extracting)";
    private static final int MAX_BAR = 30;

    enum Mode { BARS, LINES, QUIET }

    private final Mode mode;
    private final boolean notices;
    private final boolean aggregate;
    private final StatusLine line;
    private final Map<String, long[]> files = new ConcurrentHashMap<>(); // name -> {done, total, resumedFrom, startNanos}
    private final AtomicInteger finishedFiles = new AtomicInteger();
    private final long startNanos = System.nanoTime();
    private volatile int plannedFiles = -1;
    private volatile long plannedBytes = -1;
    private volatile long finishedBytes;
    private volatile long resumedBytes;
    private volatile String current;
    private volatile String note;
    private volatile long noteUntil;
    private volatile int columns;
    private final ScheduledExecutorService ticker;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ProgressView(Mode mode, boolean notices, boolean aggregate, PrintStream err, boolean terminal, int columns) {
        this.mode = mode;
        this.notices = notices;
        this.aggregate = aggregate;
        this.columns = columns;
        this.line = new StatusLine(err, terminal, () -> this.columns);
        if (mode == Mode.BARS) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "hfhub-progress");
                t.setDaemon(true);
                return t;
            });
            AtomicInteger ticks = new AtomicInteger();
            ticker.scheduleAtFixedRate(() -> {
                if (ticks.incrementAndGet() % 10 == 0) {
                    this.columns = Terminal.columns(System.getenv()); // follows a resized window
                }
                render();
            }, 200, 200, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    /**
     * For this process: bars when stderr is a terminal, lines otherwise; {@code quiet} shows nothing;
     * {@code noProgress} (JSON output, as {@code hf} turns its bars off there) and {@code HF_HUB_DISABLE_PROGRESS_BARS=1}
     * (as in the Python client) show no progress but keep the notices.
     * {@code aggregate}: one line for a whole repository instead of one per file.
     */
    static ProgressView forEnvironment(boolean quiet, boolean noProgress, boolean aggregate, PrintStream err) {
        Map<String, String> env = System.getenv();
        String disabled = env.get("HF_HUB_DISABLE_PROGRESS_BARS");
        boolean off = noProgress || disabled != null && (disabled.equals("1") || disabled.equalsIgnoreCase("true"));
        boolean terminal = !quiet && Terminal.stderrIsTerminal(env);
        Mode mode = quiet || off ? Mode.QUIET : terminal ? Mode.BARS : Mode.LINES;
        return new ProgressView(mode, !quiet, aggregate, err, terminal, terminal ? Terminal.columns(env) : 80);
    }

    /** A view with everything given, for tests. */
    static ProgressView of(Mode mode, boolean aggregate, PrintStream err, int columns) {
        return new ProgressView(mode, mode != Mode.QUIET, aggregate, err, mode == Mode.BARS, columns);
    }

    @Override
    public void planned(int count, long bytes) {
        plannedFiles = count;
        plannedBytes = bytes;
    }

    @Override
    public void started(String name, long total, long alreadyDone) {
        files.put(name, new long[] {alreadyDone, Math.max(total, 0), alreadyDone, System.nanoTime()});
        resumedBytes += alreadyDone;
        current = name;
        render();
    }

    @Override
    public void progress(String name, long done, long total) {
        long[] state = files.get(name);
        if (state != null) {
            state[0] = done;
        }
    }

    @Override
    public void retrying(String name, int attempt, String reason, long delayMillis) {
        String wait = HumanFormat.duration(Duration.ofMillis(delayMillis));
        String safeReason = Terminal.printable(reason);
        note = "retry " + attempt + " in " + wait + " (" + safeReason + ")";
        noteUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis + 1000);
        if (mode == Mode.BARS) {
            render();
        } else if (notices) {
            line.println("retrying " + Terminal.printable(name) + " in " + wait + " (attempt " + attempt + " failed: "
                    + safeReason + ")");
        }
    }

    @Override
    public void usingCache(String name, String reason) {
        if (notices) {
            line.println("using the cached copy of " + Terminal.printable(name) + ": " + Terminal.printable(reason));
        }
    }

    @Override
    public void finished(String name, long total) {
        long[] state = files.remove(name);
        finishedFiles.incrementAndGet();
        finishedBytes += total;
        note = null;
        if (aggregate && mode == Mode.BARS) {
            render();
            return;
        }
        if (mode == Mode.QUIET) {
            return;
        }
        double seconds = state == null ? 0 : (System.nanoTime() - state[3]) / 1e9;
        String verb = name.endsWith(EXTRACTING) ? "extracted" : "downloaded";
        String file = name.endsWith(EXTRACTING) ? name.substring(0, name.length() - EXTRACTING.length()) : name;
        line.clear();
        line.println(String.format(Locale.ROOT, "%s %s (%s in %.1f s)", verb, Terminal.printable(file),
                HumanFormat.size(total), seconds));
    }

    @Override
    public void failed(String name, Throwable error) {
        files.remove(name);
        render();
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        if (ticker != null) {
            ticker.shutdownNow();
        }
        line.clear();
        if (aggregate && mode == Mode.BARS && finishedFiles.get() > 0) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            line.println(String.format(Locale.ROOT, "fetched %d file(s), %s in %.1f s", finishedFiles.get(),
                    HumanFormat.size(finishedBytes), seconds));
        }
    }

    /** Redraws the status line from the current state (a terminal only). */
    private void render() {
        if (mode == Mode.BARS) {
            line.show(frame(columns - 1));
        }
    }

    /** The status line, at most {@code width} columns: label, percent, bar, sizes, then rate or notice. */
    String frame(int width) {
        long done = finishedBytes;
        long total = finishedBytes;
        String label;
        if (aggregate) {
            if (plannedFiles < 0 && files.isEmpty() && finishedFiles.get() == 0) {
                String pending = activeNote();
                return pending == null ? "" : Terminal.fit(pending, width); // the file list is not known yet
            }
            for (long[] state : files.values()) {
                done += state[0];
                total += state[1];
            }
            if (plannedBytes >= 0) {
                total = Math.max(total, plannedBytes);
            }
            int n = plannedFiles >= 0 ? plannedFiles : finishedFiles.get() + files.size();
            label = "Fetching " + finishedFiles.get() + "/" + n + " files";
        } else {
            String name = current;
            long[] state = name == null ? null : files.get(name);
            if (state == null) {
                String pending = activeNote();
                return pending == null ? "" : Terminal.fit(pending, width);
            }
            done = state[0];
            total = state[1];
            label = Terminal.fit(Terminal.printable(name), Math.max(10, width / 3));
        }
        String percent = total > 0 ? String.format(Locale.ROOT, "%3d%%", Math.min(100, done * 100 / total)) : "  ?%";
        String sizes = HumanFormat.size(done) + "/" + HumanFormat.size(total);
        String pending = activeNote();
        String tail = pending != null ? pending : rate(done);
        String withoutBar = label + "  " + percent + "  " + sizes + "  " + tail;
        int barWidth = Math.min(MAX_BAR, width - Terminal.width(withoutBar) - 3);
        if (barWidth < 6) {
            return Terminal.fit(withoutBar, width);
        }
        int filled = total > 0 ? (int) Math.min(barWidth, done * barWidth / total) : 0;
        String bar = "[" + "#".repeat(filled) + " ".repeat(barWidth - filled) + "]";
        return Terminal.fit(label + "  " + percent + " " + bar + " " + sizes + "  " + tail, width);
    }

    private String activeNote() {
        String n = note;
        return n != null && System.nanoTime() < noteUntil ? n : null;
    }

    private String rate(long done) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long moved = Math.max(0, done - resumedBytes);
        return seconds < 0.5 ? "" : HumanFormat.rate(moved / seconds);
    }
}
