package io.hfhub.cache;

import java.util.List;

/**
 * What {@link CachePruner#prune} did.
 *
 * @param removed files removed (in a dry run: files that would be removed)
 * @param kept    stale-looking files left alone because someone may still use them
 * @param dryRun  whether nothing was actually deleted
 */
public record PruneReport(List<PruneAction> removed, List<PruneAction> kept, boolean dryRun) {
    /**
     * Creates the record.
     *
     * @param removed files removed (in a dry run: files that would be removed)
     * @param kept stale-looking files left alone because someone may still use them
     * @param dryRun whether nothing was actually deleted
     */
    public PruneReport {
        removed = List.copyOf(removed);
        kept = List.copyOf(kept);
    }

    /** {@return the bytes freed (or that would be freed)} */
    public long freedSize() {
        return removed.stream().mapToLong(PruneAction::size).sum();
    }
}
