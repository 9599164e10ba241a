package io.hfhub;

import java.util.List;
import java.util.Objects;

/**
 * The files of a repository at one commit, as {@link HfHub#listFiles} returns them.
 *
 * @param commit the 40-hex commit the requested revision resolved to
 * @param files  its files (those the request's patterns select), with sizes and hashes
 */
public record RepoFiles(String commit, List<RepoFileInfo> files) {

    /** Copies the list; checks that no field is missing. */
    public RepoFiles {
        Objects.requireNonNull(commit, "commit");
        files = List.copyOf(files);
    }
}
