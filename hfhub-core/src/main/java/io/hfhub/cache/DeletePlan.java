package io.hfhub.cache;

import io.hfhub.store.TempNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What deleting some revisions will remove, computed by {@link CacheDeleter} (Python's
 * {@code DeleteCacheStrategy}). Building a plan touches nothing; only {@link #execute()} deletes.
 *
 * @param repos             whole repository folders
 * @param snapshots         {@code snapshots/<commit>} folders
 * @param refs              ref files pointing at the removed revisions
 * @param blobs             blobs no remaining revision links to, and their {@code extracted/<hash8>} folders
 * @param expectedFreedSize the bytes the deletion frees
 * @param warnings          revisions that were asked for but are not in the cache
 */
public record DeletePlan(Set<Path> repos, Set<Path> snapshots, Set<Path> refs, Set<Path> blobs,
        long expectedFreedSize, List<String> warnings) {

    public DeletePlan {
        repos = sorted(repos);
        snapshots = sorted(snapshots);
        refs = sorted(refs);
        blobs = sorted(blobs);
        warnings = List.copyOf(warnings);
    }

    /** True when the plan removes nothing. */
    public boolean isEmpty() {
        return repos.isEmpty() && snapshots.isEmpty() && refs.isEmpty() && blobs.isEmpty();
    }

    /**
     * What {@link #run()} did besides deleting.
     *
     * @param failures paths that could not be deleted, with the reason
     * @param kept     blobs (and their {@code extracted/} folders) deliberately left in place, with the reason: a
     *                 snapshot entry still links to the blob (a snapshot that failed to delete, or one a download
     *                 linked after the plan was made), or a download holds the blob's lock
     */
    public record Outcome(List<String> failures, List<String> kept) {
        public Outcome {
            failures = List.copyOf(failures);
            kept = List.copyOf(kept);
        }
    }

    /**
     * Deletes everything in the plan as a sequence of atomic steps, each leaving a valid cache if the process
     * dies right after it (the table in the {@code io.hfhub.cache} package documentation): refs first (a
     * revision without a ref is a detached revision, valid), then repository and snapshot folders, each renamed
     * to a tombstone in one step and deleted there ({@link TempNames#delete}), then blobs, so no ref or link
     * ever points at something missing; an extraction's record goes before its folder, so no record ever
     * vouches for a half-deleted folder. Paths that are already gone are skipped silently.
     *
     * <p>The plan was computed from an earlier scan, and some deletions may fail, so a blob is re-checked right
     * before it goes: while holding its lock ({@code .locks/<repo folder>/<etag>.lock}), the repository's
     * current {@code snapshots/} is walked and the blob is kept if any entry there still resolves to it. A
     * blob whose lock is held is kept too. Keeping a blob keeps its {@code extracted/} folder.
     *
     * @return the paths that could not be deleted, and the blobs kept, with the reason (empty on full success);
     *         {@link #run()} tells the two apart
     */
    public List<String> execute() {
        Outcome outcome = run();
        List<String> all = new ArrayList<>(outcome.failures());
        all.addAll(outcome.kept());
        return all;
    }

    /** Like {@link #execute()}, telling failures and deliberately kept blobs apart. */
    public Outcome run() {
        return run(DeletePlan::remove);
    }

    /** {@link #run()} with the deletion of each planned path replaceable, so tests can make one fail. */
    Outcome run(PathDeleter deleter) {
        List<String> failures = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (Set<Path> group : List.of(refs, repos, snapshots)) {
            for (Path path : group) {
                try {
                    deleter.delete(path);
                } catch (IOException | UncheckedIOException e) {
                    failures.add(path + ": " + e.getMessage());
                }
            }
        }
        List<Path> others = new ArrayList<>();
        for (Path path : blobs) {
            if (isBlob(path)) {
                deleteBlob(path, deleter, failures, kept);
            } else {
                others.add(path);
            }
        }
        // an extraction's record before its folder: a record never vouches for a half-deleted folder
        others.sort(Comparator.comparing((Path p) -> !p.getFileName().toString().endsWith(".sha256"))
                .thenComparing(Comparator.naturalOrder()));
        for (Path path : others) {
            try {
                Optional<Path> blob = path.getParent() != null && path.getParent().getFileName() != null
                        && path.getParent().getFileName().toString().equals("extracted")
                        ? blobWithPrefix(path.getParent().resolveSibling("blobs"),
                                path.getFileName().toString().replaceFirst("\\.sha256$", "")) // a folder or its record
                        : Optional.empty();
                if (blob.isPresent()) {
                    kept.add(path + ": kept, its blob " + blob.get() + " was kept");
                } else {
                    deleter.delete(path);
                }
            } catch (IOException | UncheckedIOException e) {
                failures.add(path + ": " + e.getMessage());
            }
        }
        return new Outcome(failures, kept);
    }

    /** Deletes one blob unless it is locked or a snapshot entry still resolves to it. */
    private static void deleteBlob(Path blob, PathDeleter deleter, List<String> failures, List<String> kept) {
        if (!Files.exists(blob, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path repo = blob.getParent().getParent();
        Path lock = repo.resolveSibling(".locks").resolve(repo.getFileName().toString())
                .resolve(blob.getFileName() + ".lock");
        try {
            Files.createDirectories(lock.getParent());
            boolean free = LockProbe.ifFree(lock, true, () -> {
                Optional<Path> user = entryResolvingTo(repo.resolve("snapshots"), blob);
                if (user.isPresent()) {
                    kept.add(blob + ": kept, still linked from " + user.get());
                } else {
                    deleter.delete(blob);
                }
            });
            if (!free) {
                kept.add(blob + ": kept, its lock " + lock + " is held (a download is using it)");
            }
        } catch (IOException | UncheckedIOException e) {
            failures.add(blob + ": " + e.getMessage());
        }
    }

    /**
     * The first entry under {@code snapshots} (a symlink, or a file: a hard link counts) that resolves to
     * {@code blob}. Broken links resolve to nothing; any other error is thrown, so the blob is kept.
     */
    static Optional<Path> entryResolvingTo(Path snapshots, Path blob) throws IOException {
        if (!Files.isDirectory(snapshots, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(snapshots)) {
            // walk does not follow links: a symlink, even to a folder, is an entry, never descended into
            entries = walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).collect(Collectors.toList());
        }
        for (Path entry : entries) {
            try {
                if (Files.isSameFile(entry, blob)) {
                    return Optional.of(entry);
                }
            } catch (NoSuchFileException e) {
                // a broken link, or an entry removed meanwhile: it does not use this blob
            }
        }
        return Optional.empty();
    }

    /** A blob in {@code blobs/} whose sha256 name starts with an {@code extracted/<hash8>} folder's name. */
    private static Optional<Path> blobWithPrefix(Path blobsFolder, String hash8) throws IOException {
        if (!Files.isDirectory(blobsFolder)) {
            return Optional.empty();
        }
        try (Stream<Path> list = Files.list(blobsFolder)) {
            return list.filter(p -> {
                String name = p.getFileName().toString();
                return name.length() == 64 && name.startsWith(hash8) && name.indexOf('.') < 0;
            }).findFirst();
        }
    }

    private static boolean isBlob(Path path) {
        Path parent = path.getParent();
        return parent != null && parent.getFileName() != null && parent.getFileName().toString().equals("blobs")
                && parent.getParent() != null;
    }

    /** Deletes one planned path. */
    interface PathDeleter {
        void delete(Path path) throws IOException;
    }

    /**
     * Deletes one planned path: a file or link in one step, a folder through a tombstone, which for a snapshot
     * lies in the repository folder (a name in {@code snapshots/} would look like a revision to a scan).
     */
    static void remove(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        boolean snapshot = parent.getFileName() != null && parent.getFileName().toString().equals("snapshots");
        TempNames.delete(path, snapshot ? parent.getParent() : parent);
    }

    /** Deletes a file, a symlink (never its target) or a folder tree; a missing path is fine. */
    static void deleteTree(Path path) throws IOException {
        TempNames.deleteTree(path);
    }

    private static Set<Path> sorted(Set<Path> paths) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(paths));
    }
}
