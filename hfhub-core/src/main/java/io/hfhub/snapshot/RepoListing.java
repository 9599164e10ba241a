package io.hfhub.snapshot;

import io.hfhub.store.CommitHash;
import java.util.List;

/**
 * The files of a repository at one commit, as the Hub's tree API lists them.
 *
 * @param commit the commit the revision resolved to
 * @param files  its files, with sizes and hashes
 */
public record RepoListing(CommitHash commit, List<RepoFile> files) {
    public RepoListing {
        files = List.copyOf(files);
    }
}
