package io.hfhub.cache;

import io.hfhub.RepoId;
import io.hfhub.RepoType;
import io.hfhub.store.CacheLayout;
import java.util.Objects;

/**
 * Selects one repository of the cache by type and id.
 *
 * @param type   model, dataset or space
 * @param repoId the repository id
 */
public record RepoFilter(RepoType type, RepoId repoId) {
    public RepoFilter {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(repoId, "repoId");
    }

    /** The repository's folder name in the cache, {@code models--org--name}. */
    public String folderName() {
        return CacheLayout.repoFolderName(type, repoId);
    }
}
