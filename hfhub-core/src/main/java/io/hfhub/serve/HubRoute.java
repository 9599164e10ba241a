package io.hfhub.serve;

import io.hfhub.RepoId;
import io.hfhub.RepoType;

/** A request the mirror understands, parsed and validated by {@link RouteParser}. */
sealed interface HubRoute {
    RepoType type();

    RepoId repoId();

    /** The revision as the client sent it, decoded: a ref name ({@code main}, {@code refs/pr/1}) or a commit. */
    String revision();

    /** {@code /{prefix}{repo}/resolve/{revision}/{path}}: a file's content and metadata headers. */
    record Resolve(RepoType type, RepoId repoId, String revision, String path) implements HubRoute {}

    /**
     * {@code /api/{type}s/{repo}[/revision/{revision}]}: repository info with its file list.
     *
     * @param blobs whether {@code ?blobs=true} asked for each file's size, blob id and LFS info
     */
    record RepoInfo(RepoType type, RepoId repoId, String revision, boolean blobs) implements HubRoute {}

    /**
     * {@code POST /api/{type}s/{repo}/paths-info/{revision}}: the tree entries of the paths named in the body.
     */
    record PathsInfo(RepoType type, RepoId repoId, String revision) implements HubRoute {}

    /**
     * {@code /api/{type}s/{repo}/tree/{revision}[/{path}]}: a folder listing.
     *
     * @param path      the folder in the repository, empty for the root
     * @param recursive whether to list the whole subtree
     * @param cursor    the index of the first entry of this page
     */
    record Tree(RepoType type, RepoId repoId, String revision, String path, boolean recursive, int cursor)
            implements HubRoute {}
}
