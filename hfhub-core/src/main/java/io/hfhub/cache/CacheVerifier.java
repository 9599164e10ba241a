package io.hfhub.cache;

import io.hfhub.HfHubException;
import io.hfhub.store.FileErrors;
import io.hfhub.store.TempNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks the cache's integrity: every blob's content against the hash in its name, every snapshot link
 * against an existing blob of its own repository, every ref against an existing snapshot. Read-only: it
 * reports and never repairs, so a user can decide what to delete. Extraction folders are checked against their
 * records, and the leftovers of interrupted commands (temporary files whose owner is gone) are listed apart:
 * they waste space but damage nothing.
 */
public final class CacheVerifier {
    private CacheVerifier() {}

    /**
     * Verifies every repository of {@code cacheDir}, or only the one {@code filter} selects.
     *
     * @throws CacheNotFoundException if the cache folder does not exist
     * @throws HfHubException if the selected repository is not in the cache
     */
    public static VerifyReport verify(Path cacheDir, Optional<RepoFilter> filter) {
        Path root = CacheScanner.requireCacheDir(cacheDir);
        List<Path> repoFolders = filter.isPresent() ? List.of(selected(root, filter.get())) : repoFolders(root);
        RepoVerifier.Totals totals = new RepoVerifier.Totals();
        List<VerifyProblem> problems = new ArrayList<>();
        List<Leftovers.Leftover> found = new ArrayList<>();
        try {
            if (filter.isEmpty()) {
                found.addAll(Leftovers.inCacheRoot(root));
            }
            for (Path folder : repoFolders) {
                RepoVerifier.forFolder(folder).ifPresent(v -> problems.addAll(v.verify(totals)));
                found.addAll(Leftovers.inRepo(folder));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + FileErrors.describe(e), e);
        }
        return new VerifyReport(totals.repos, totals.blobs, totals.files, totals.unchecked, problems,
                abandoned(found));
    }

    /** The leftovers {@code hfhub cache prune} would remove with its default age limit. */
    private static List<Path> abandoned(List<Leftovers.Leftover> found) {
        Leftovers judge = new Leftovers(TempNames.localHostName(), TempNames::processAlive);
        Instant now = Instant.now();
        Instant cutoff = now.minus(CachePruner.DEFAULT_OLDER_THAN);
        Instant unownedCutoff = cutoff; // the default age is above the floor for leftovers without an owner
        return found.stream().filter(l -> judge.judge(l, cutoff, unownedCutoff) == Leftovers.Verdict.REMOVE)
                .map(Leftovers.Leftover::path).toList();
    }

    private static Path selected(Path root, RepoFilter filter) {
        Path folder = root.resolve(filter.folderName());
        if (!Files.isDirectory(folder)) {
            throw new HfHubException(filter.type().id() + " " + filter.repoId() + " is not in the cache " + root
                    + " (run `hfhub cache scan` to list what is cached)");
        }
        return folder;
    }

    private static List<Path> repoFolders(Path root) {
        try {
            List<Path> folders = new ArrayList<>();
            for (Path entry : RepoScanner.sortedChildren(root)) {
                if (Files.isDirectory(entry) && entry.getFileName().toString().contains("--")) {
                    folders.add(entry);
                }
            }
            return folders;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list cache directory " + root, e);
        }
    }
}
