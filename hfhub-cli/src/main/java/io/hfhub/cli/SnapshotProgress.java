package io.hfhub.cli;

import io.hfhub.ProgressListener;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One bar for a whole-repository download: bytes of every file in flight together, with the count of files
 * done. Per-file bars from eight parallel workers would overwrite each other on one terminal line.
 */
final class SnapshotProgress implements ProgressListener, AutoCloseable {
    private final ProgressBar bar;
    private final Map<String, Long> done = new ConcurrentHashMap<>();
    private final Map<String, Long> totals = new ConcurrentHashMap<>();
    private final AtomicInteger finished = new AtomicInteger();

    SnapshotProgress(PrintStream err) {
        this.bar = new ProgressBarBuilder()
                .setTaskName("Fetching")
                .setInitialMax(0)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit("MiB", 1024 * 1024)
                .showSpeed()
                .setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(err))
                .build();
    }

    @Override
    public void started(String name, long total, long alreadyDone) {
        totals.put(name, Math.max(total, 0));
        done.put(name, alreadyDone);
        refresh();
    }

    @Override
    public void progress(String name, long bytes, long total) {
        done.put(name, bytes);
        refresh();
    }

    @Override
    public void finished(String name, long total) {
        done.put(name, total);
        finished.incrementAndGet();
        refresh();
    }

    private synchronized void refresh() {
        bar.maxHint(totals.values().stream().mapToLong(Long::longValue).sum());
        bar.stepTo(done.values().stream().mapToLong(Long::longValue).sum());
        bar.setExtraMessage(" " + finished.get() + " file(s) done");
    }

    @Override
    public void close() {
        bar.close();
    }
}
