package io.hfhub.cache;

import io.hfhub.store.HostName;
import io.hfhub.store.TempNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Removes what interrupted commands leave behind: stale partial files ({@code blobs/*.incomplete}) with
 * their resume state ({@code .incomplete.json}), unused zero-byte lock files under {@code .locks/}, and the
 * temporary files, temporary extraction folders and deletion tombstones named by {@link TempNames} once their
 * owner is gone (its pid dead on this host; on another host, untouched for the age limit).
 *
 * <p>It never removes a partial another process may be writing: one whose owner is alive (see
 * {@link #prune}), one touched more recently than the age limit, or one whose blob lock is held. A partial
 * with no recorded owner (the Python client's) is also kept until untouched for
 * {@link #UNOWNED_PARTIAL_MIN_AGE}, even with a shorter age limit: its writer's lock is invisible here. Removal
 * happens while holding that lock, so a downloader following the lock protocol cannot start on the file in
 * between. Revisions are never touched: detached snapshots are data the user may still want; remove them
 * with {@link CacheDeleter}.
 */
public final class CachePruner {
    /** The default age after which an abandoned partial or lock is pruned. */
    public static final Duration DEFAULT_OLDER_THAN = Duration.ofHours(24);

    /**
     * The least age at which a partial with no recorded owner is pruned, whatever {@code olderThan} says.
     *
     * <p>Such partials are the Python client's ({@code <etag>.incomplete} before 1.0,
     * {@code <etag>.<8hex>.incomplete} since), or hfhub's without a readable state. Their writer cannot be seen:
     * Python's {@code filelock} takes {@code flock(2)} locks, while {@link java.nio.channels.FileChannel#tryLock}
     * takes POSIX {@code fcntl(2)} record locks, and on Linux the two are independent, so the lock probe
     * reports "free" while Python holds the lock and writes. Only the partial's modification time shows
     * activity, and a live download writes far more often than once an hour (a stalled one times out well
     * before), so an hour without a write means the writer is gone. hfhub partials with an owner keep using
     * {@code olderThan} alone: their lease and pid tell whether the writer lives.
     */
    public static final Duration UNOWNED_PARTIAL_MIN_AGE = Duration.ofHours(1);

    private static final String INCOMPLETE = ".incomplete";
    private static final String STATE = ".incomplete.json";

    private final Clock clock;
    private final OwnerLiveness liveness;
    private final Leftovers leftovers;

    CachePruner(Clock clock, String localHost, LongPredicate processAlive) {
        this.clock = clock;
        this.liveness = new OwnerLiveness(clock, localHost, processAlive);
        this.leftovers = new Leftovers(localHost, processAlive);
    }

    /** A pruner using the system clock, this host's name and the live process table. */
    public static CachePruner create() {
        return new CachePruner(Clock.systemUTC(), HostName.current(), TempNames::processAlive);
    }

    /**
     * Prunes {@code cacheDir}. A partial is removed when its last activity (the state's {@code updatedAt},
     * else the partial's modification time) is older than
     * {@code olderThan}, its recorded owner is not alive (heartbeat older than 30 s and, on this host, the
     * process gone) and its lock is free. A partial with no recorded owner must also be untouched for
     * {@link #UNOWNED_PARTIAL_MIN_AGE}: {@code olderThan} below that does not apply to it. A lock file is removed when it is empty, older than
     * {@code olderThan} and free.
     *
     * @param dryRun report what would be removed without removing anything
     * @throws CacheNotFoundException if the cache folder does not exist
     */
    public PruneReport prune(Path cacheDir, Duration olderThan, boolean dryRun) {
        Path root = CacheScanner.requireCacheDir(cacheDir);
        Instant now = clock.instant();
        Instant cutoff = now.minus(olderThan);
        Instant unownedCutoff = earliest(cutoff, now.minus(UNOWNED_PARTIAL_MIN_AGE));
        Run run = new Run(root, cutoff, unownedCutoff, dryRun);
        try {
            run.pruneLeftovers(Leftovers.inCacheRoot(root));
            for (Path repo : RepoScanner.sortedChildren(root)) {
                if (!repo.getFileName().toString().startsWith(".") && Files.isDirectory(repo.resolve("blobs"))) {
                    run.prunePartials(repo);
                }
                if (!repo.getFileName().toString().startsWith(".") && Files.isDirectory(repo)) {
                    run.pruneLeftovers(Leftovers.inRepo(repo));
                }
            }
            run.pruneLocks(root.resolve(".locks"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prune " + root + ": " + e.getMessage(), e);
        }
        return new PruneReport(run.removed, run.kept, dryRun);
    }

    /** The state of one prune pass. */
    private final class Run {
        private final Path root;
        private final Instant cutoff;
        /** The cutoff for partials with no recorded owner: never later than now - UNOWNED_PARTIAL_MIN_AGE. */
        private final Instant unownedCutoff;
        private final boolean dryRun;
        final List<PruneAction> removed = new ArrayList<>();
        final List<PruneAction> kept = new ArrayList<>();

        Run(Path root, Instant cutoff, Instant unownedCutoff, boolean dryRun) {
            this.root = root;
            this.cutoff = cutoff;
            this.unownedCutoff = unownedCutoff;
            this.dryRun = dryRun;
        }

        void prunePartials(Path repo) throws IOException {
            Path lockFolder = root.resolve(".locks").resolve(repo.getFileName().toString());
            for (Path file : RepoScanner.sortedChildren(repo.resolve("blobs"))) {
                String name = file.getFileName().toString();
                try {
                    if (name.endsWith(INCOMPLETE)) {
                        prunePartial(file, file.resolveSibling(name + ".json"), lockFolder.resolve(etagOf(name) + ".lock"));
                    } else if (name.endsWith(STATE) && Files.exists(file)
                            && !Files.exists(file.resolveSibling(name.substring(0, name.length() - 5)))) {
                        pruneOrphanState(file);
                    }
                } catch (NoSuchFileException e) {
                    // finished (renamed into place) or removed by someone else meanwhile: nothing to prune
                }
            }
        }

        private void prunePartial(Path partial, Path stateFile, Path lock) throws IOException {
            PartialState state = PartialState.read(stateFile);
            if (state.owner().isPresent() && liveness.isAlive(state.owner().get())) {
                PartialState.Owner owner = state.owner().get();
                kept.add(new PruneAction(partial, size(partial), "owner pid " + owner.pid() + " on "
                        + owner.host() + " is alive"));
                return;
            }
            if (state.owner().isEmpty()) {
                // No lease or pid to ask, and its writer's lock may be invisible to us (see
                // UNOWNED_PARTIAL_MIN_AGE): only its last write tells, with a floor whatever olderThan says.
                Instant last = latest(lastActivity(partial, state), Files.getLastModifiedTime(partial).toInstant());
                if (last.isAfter(cutoff)) {
                    return; // recent by the user's own measure
                }
                if (last.isAfter(unownedCutoff)) {
                    kept.add(new PruneAction(partial, size(partial), "no hfhub owner recorded (a Python client's"
                            + " download, whose lock cannot be seen from here?): kept until untouched for "
                            + UNOWNED_PARTIAL_MIN_AGE.toMinutes() + " minutes"));
                    return;
                }
            } else if (lastActivity(partial, state).isAfter(cutoff)) {
                return; // recent: maybe a writer between heartbeats
            }
            List<PruneAction> actions = new ArrayList<>();
            actions.add(new PruneAction(partial, size(partial), "abandoned partial download"));
            if (Files.exists(stateFile)) {
                actions.add(new PruneAction(stateFile, size(stateFile), "resume state of an abandoned partial"));
            }
            boolean done = Files.exists(lock) ? LockProbe.ifFree(lock, () -> delete(actions)) : delete(actions);
            if (!done) {
                kept.add(new PruneAction(partial, size(partial), "its lock " + lock + " is held"));
            }
        }

        private void pruneOrphanState(Path stateFile) throws IOException {
            if (Files.getLastModifiedTime(stateFile).toInstant().isBefore(cutoff)) {
                delete(List.of(new PruneAction(stateFile, size(stateFile), "resume state without a partial")));
            }
        }

        /**
         * Removes the temporaries and tombstones of interrupted commands whose owner is gone (see
         * {@link Leftovers#judge}); those of a live process are its work in progress.
         */
        void pruneLeftovers(List<Leftovers.Leftover> found) throws IOException {
            for (Leftovers.Leftover leftover : found) {
                switch (leftovers.judge(leftover, cutoff, unownedCutoff)) {
                    case REMOVE -> {
                        long size = DiskUsage.of(leftover.path());
                        if (!dryRun) {
                            TempNames.deleteTree(leftover.path());
                        }
                        removed.add(new PruneAction(leftover.path(), size, leftover.owner().isPresent()
                                ? "left by an interrupted hfhub command (pid " + leftover.owner().get().pid()
                                        + ", gone)" : "abandoned temporary file"));
                    }
                    case OWNER_ALIVE -> kept.add(new PruneAction(leftover.path(), DiskUsage.of(leftover.path()),
                            "in use by hfhub pid " + leftover.owner().get().pid() + ", alive"));
                    case RECENT -> { } // may be a writer at work: the age limit decides
                }
            }
        }

        void pruneLocks(Path locks) throws IOException {
            if (!Files.isDirectory(locks)) {
                return;
            }
            List<Path> lockFiles;
            try (Stream<Path> walk = Files.walk(locks)) {
                lockFiles = walk.filter(p -> p.getFileName().toString().endsWith(".lock") && Files.isRegularFile(p))
                        .sorted().collect(Collectors.toList());
            }
            for (Path lock : lockFiles) {
                // A fresh lock file may be between its creation and its locking: only old ones are candidates.
                if (size(lock) != 0 || Files.getLastModifiedTime(lock).toInstant().isAfter(cutoff)) {
                    continue;
                }
                PruneAction action = new PruneAction(lock, 0, "unused lock file");
                if (!LockProbe.ifFree(lock, () -> delete(List.of(action)))) {
                    kept.add(new PruneAction(lock, 0, "lock is held"));
                }
            }
        }

        private boolean delete(List<PruneAction> actions) throws IOException {
            for (PruneAction action : actions) {
                if (!dryRun) {
                    Files.deleteIfExists(action.path());
                }
                removed.add(action);
            }
            return true;
        }
    }

    /**
     * The writer's own record of progress when there is one; else the partial's modification time. A writer
     * that is still active is protected by its heartbeat and its lock, not by this time.
     */
    private static Instant lastActivity(Path partial, PartialState state) throws IOException {
        return state.updatedAt().isPresent() ? state.updatedAt().get()
                : Files.getLastModifiedTime(partial).toInstant();
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** {@code <etag>.incomplete} and Python 1.x's {@code <etag>.<8hex>.incomplete} both start with the etag. */
    private static String etagOf(String partialName) {
        return partialName.substring(0, partialName.indexOf('.'));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
