package io.hfhub.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Reads the whole cache into a {@link CacheInfo}, like Python's {@code scan_cache_dir}: a repository that
 * cannot be read is skipped and reported in {@link CacheInfo#warnings()} rather than failing the scan.
 * Read-only: it never changes the cache.
 */
public final class CacheScanner {
    /** Entries of the cache root that are not repositories. */
    private static final Set<String> ROOT_ENTRIES_TO_SKIP = Set.of(".locks", "CACHEDIR.TAG");

    private CacheScanner() {}

    /**
     * Scans {@code cacheDir}.
     *
     * @param cacheDir the cache folder ({@code HF_HUB_CACHE})
     * @return every repository, revision and partial download found, with the warnings for folders that do not fit the
     *         layout
     * @throws CacheNotFoundException if the folder does not exist
     * @throws IllegalArgumentException if it is a file
     */
    public static CacheInfo scan(Path cacheDir) {
        Path root = requireCacheDir(cacheDir);
        List<CachedRepo> repos = new ArrayList<>();
        List<CacheWarning> warnings = new ArrayList<>();
        List<IncompleteFile> incomplete = new ArrayList<>();
        try {
            for (Path entry : RepoScanner.sortedChildren(root)) {
                String name = entry.getFileName().toString();
                if (ROOT_ENTRIES_TO_SKIP.contains(name) || RepoScanner.FILES_TO_IGNORE.contains(name)) {
                    continue;
                }
                incomplete.addAll(incompleteFiles(entry.resolve("blobs")));
                try {
                    repos.add(RepoScanner.scan(entry));
                } catch (CorruptedRepoException e) {
                    warnings.add(new CacheWarning(entry, e.getMessage()));
                } catch (IOException e) {
                    // A folder we cannot read (permissions, concurrent delete) is a warning, not a failed scan.
                    warnings.add(new CacheWarning(entry, "cannot read " + entry + ": " + e));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list cache directory " + root, e);
        }
        repos.sort(Comparator.comparing(CachedRepo::repoType).thenComparing(CachedRepo::repoId));
        return new CacheInfo(root, repos, warnings, incomplete);
    }

    /** Resolves and checks the cache folder; shared by the scanner, verifier and pruner. */
    static Path requireCacheDir(Path cacheDir) {
        Path root = cacheDir.toAbsolutePath().normalize();
        if (!Files.exists(root)) {
            throw new CacheNotFoundException(root);
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("scan_cache_dir expects a directory but found a file: " + root
                    + " (pass the folder that holds the models--*/datasets--* folders)");
        }
        return root;
    }

    /** Partial downloads: {@code <etag>.incomplete} and Python 1.x's {@code <etag>.<8hex>.incomplete}. */
    static List<IncompleteFile> incompleteFiles(Path blobs) {
        List<IncompleteFile> found = new ArrayList<>();
        if (!Files.isDirectory(blobs)) {
            return found;
        }
        try {
            for (Path file : RepoScanner.sortedChildren(blobs)) {
                if (file.getFileName().toString().endsWith(".incomplete") && Files.isRegularFile(file)) {
                    found.add(new IncompleteFile(file, sizeOrZero(file)));
                }
            }
        } catch (IOException e) {
            // unreadable blobs folder: the repo scan reports the problem
        }
        return found;
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // finished and renamed while we looked
        }
    }
}
