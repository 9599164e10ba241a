package io.hfhub.cache;

import io.hfhub.RepoType;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The result of {@link CacheScanner#scan}: what the cache holds, as Python's {@code HFCacheInfo}.
 *
 * @param cacheDir             the scanned folder
 * @param repos                the readable repositories, sorted by type then id
 * @param warnings             the repositories skipped because they are corrupted
 * @param incompleteFiles      partial downloads found in any {@code blobs/} folder
 */
public record CacheInfo(Path cacheDir, List<CachedRepo> repos, List<CacheWarning> warnings,
        List<IncompleteFile> incompleteFiles) {

    /**
     * Creates the record.
     *
     * @param cacheDir the scanned folder
     * @param repos the readable repositories, sorted by type then id
     * @param warnings the repositories skipped because they are corrupted
     * @param incompleteFiles partial downloads found in any {@code blobs/} folder
     */
    public CacheInfo {
        repos = List.copyOf(repos);
        warnings = List.copyOf(warnings);
        incompleteFiles = List.copyOf(incompleteFiles);
    }

    /** {@return the sum of the repositories' sizes on disk (partial downloads not included)} */
    public long sizeOnDisk() {
        return repos.stream().mapToLong(CachedRepo::sizeOnDisk).sum();
    }

    /** {@return the bytes held by partial downloads} */
    public long incompleteSizeOnDisk() {
        return incompleteFiles.stream().mapToLong(IncompleteFile::sizeOnDisk).sum();
    }

    /**
     * The cached repository with this type and id, if any.
     *
     * @param type the repository type
     * @param repoId {@code org/name} (or {@code name})
     * @return the repository, or empty when it is not cached
     */
    public Optional<CachedRepo> repo(RepoType type, String repoId) {
        return repos.stream().filter(r -> r.repoType() == type && r.repoId().equals(repoId)).findFirst();
    }
}
