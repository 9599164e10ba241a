package io.hfhub.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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
     * Deletes everything in the plan in the order repos, snapshots, refs, blobs: blobs go last so no ref or
     * symlink ever points at a missing blob if the process dies half-way. Paths that are already gone are
     * skipped silently.
     *
     * @return the paths that could not be deleted, with the reason (empty on full success)
     */
    public List<String> execute() {
        List<String> failures = new ArrayList<>();
        for (Set<Path> group : List.of(repos, snapshots, refs, blobs)) {
            for (Path path : group) {
                try {
                    deleteTree(path);
                } catch (IOException | UncheckedIOException e) {
                    failures.add(path + ": " + e.getMessage());
                }
            }
        }
        return failures;
    }

    /** Deletes a file, a symlink (never its target) or a folder tree; a missing path is fine. */
    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // walkFileTree does not follow links by default: a symlink inside a snapshot is removed, not its blob.
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteIfExists(Path path) throws IOException {
        Files.deleteIfExists(path);
    }

    private static Set<Path> sorted(Set<Path> paths) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(paths));
    }
}
