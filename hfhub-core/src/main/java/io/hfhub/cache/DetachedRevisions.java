package io.hfhub.cache;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The revisions no ref points to any more (a branch moved on, a PR closed): what {@code hf cache prune}
 * removes. Their files stay reachable only by commit hash, which nothing in the cache records. Pure selection;
 * the deletion itself is {@link CacheDeleter}'s plan, with its crash-safe execution.
 */
public final class DetachedRevisions {
    private DetachedRevisions() {}

    /**
     * The detached revisions of each repository that has any, in scan order.
     *
     * @param info a scan of the cache
     * @return for each repository with detached revisions, those revisions
     */
    public static Map<CachedRepo, List<CachedRevision>> find(CacheInfo info) {
        Map<CachedRepo, List<CachedRevision>> detached = new LinkedHashMap<>();
        for (CachedRepo repo : info.repos()) {
            for (CachedRevision revision : repo.revisions()) {
                if (revision.refs().isEmpty()) {
                    detached.computeIfAbsent(repo, r -> new ArrayList<>()).add(revision);
                }
            }
        }
        return detached;
    }

    /**
     * The plan that deletes every detached revision (blobs still used by a kept revision stay).
     *
     * @param info a scan of the cache
     * @return the plan, to be run with {@link DeletePlan#execute()}
     */
    public static DeletePlan plan(CacheInfo info) {
        List<String> hashes = new ArrayList<>();
        find(info).values().forEach(revisions -> revisions.forEach(r -> hashes.add(r.commitHash())));
        return CacheDeleter.deleteRevisions(info, hashes);
    }
}
