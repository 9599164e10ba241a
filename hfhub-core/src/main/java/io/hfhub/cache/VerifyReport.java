package io.hfhub.cache;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of {@link CacheVerifier#verify}.
 *
 * @param reposChecked  repositories looked at
 * @param blobsHashed   blobs whose content was re-hashed
 * @param filesChecked  snapshot entries whose link was checked
 * @param filesUnchecked snapshot entries that are real files (no-symlink layout): their name carries no hash
 * @param problems      everything found wrong; empty for a healthy cache
 * @param leftovers     temporary files, temporary folders and tombstones of interrupted commands whose owner is
 *                      gone: wasted space, not damage (nothing reads them), removed by {@link CachePruner}
 */
public record VerifyReport(int reposChecked, int blobsHashed, int filesChecked, int filesUnchecked,
        List<VerifyProblem> problems, List<Path> leftovers) {

    /**
     * Creates the record.
     *
     * @param reposChecked repositories looked at
     * @param blobsHashed blobs whose content was re-hashed
     * @param filesChecked snapshot entries whose link was checked
     * @param filesUnchecked snapshot entries that are real files (no-symlink layout): their name carries no hash
     * @param problems everything found wrong; empty for a healthy cache
     * @param leftovers temporary files, temporary folders and tombstones of interrupted commands whose owner is gone:
     *                  wasted space, not damage (nothing reads them), removed by {@link CachePruner}
     */
    public VerifyReport {
        problems = List.copyOf(problems);
        leftovers = List.copyOf(leftovers);
    }

    /**
     * A report without leftovers.
     *
     * @param reposChecked repositories looked at
     * @param blobsHashed blobs whose content was re-hashed
     * @param filesChecked snapshot entries whose link was checked
     * @param filesUnchecked snapshot entries that are real files
     * @param problems everything found wrong
     */
    public VerifyReport(int reposChecked, int blobsHashed, int filesChecked, int filesUnchecked,
            List<VerifyProblem> problems) {
        this(reposChecked, blobsHashed, filesChecked, filesUnchecked, problems, List.of());
    }

    /** {@return true when nothing is wrong} */
    public boolean ok() {
        return problems.isEmpty();
    }
}
