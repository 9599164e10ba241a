package io.hfhub.cache;

import java.util.List;

/**
 * The outcome of {@link CacheVerifier#verify}.
 *
 * @param reposChecked  repositories looked at
 * @param blobsHashed   blobs whose content was re-hashed
 * @param filesChecked  snapshot entries whose link was checked
 * @param filesUnchecked snapshot entries that are real files (no-symlink layout): their name carries no hash
 * @param problems      everything found wrong; empty for a healthy cache
 */
public record VerifyReport(int reposChecked, int blobsHashed, int filesChecked, int filesUnchecked,
        List<VerifyProblem> problems) {

    public VerifyReport {
        problems = List.copyOf(problems);
    }

    /** True when nothing is wrong. */
    public boolean ok() {
        return problems.isEmpty();
    }
}
