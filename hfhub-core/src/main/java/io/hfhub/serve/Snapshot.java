package io.hfhub.serve;

import io.hfhub.RepoId;
import io.hfhub.RepoType;
import java.nio.file.Path;

/**
 * A resolved revision of a cached repository.
 *
 * @param type      the repository type
 * @param repoId    the repository id
 * @param commit    the 40-hex commit the revision resolved to
 * @param folder    {@code snapshots/<commit>}, symlinks resolved
 * @param realBlobs the repository's {@code blobs/} folder, symlinks resolved: the only place links may lead
 */
record Snapshot(RepoType type, RepoId repoId, String commit, Path folder, Path realBlobs) {}
