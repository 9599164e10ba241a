package io.hfhub.store;

import io.hfhub.RepoId;
import io.hfhub.RepoType;
import java.nio.file.Path;

/**
 * Where everything lives in the shared Hugging Face cache ({@code HF_HUB_CACHE}), exactly as the Python
 * client lays it out. Paths only: this class touches no disk.
 *
 * <pre>
 * {cache}/models--org--name/
 *     blobs/{etag}                 content, named by sha256 (LFS) or git blob sha1
 *     blobs/{etag}.incomplete      a download in progress
 *     refs/{revision}              the commit a branch/tag/PR ref points to, no newline
 *     snapshots/{commit}/{path}    relative symlink to ../../blobs/{etag}
 *     .no_exist/{commit}/{path}    empty marker: the file is known missing at that commit
 *     trees/{commit}.json          cached tree listing
 *     extracted/{hash8}/           hfhub: an extracted archive
 * {cache}/.locks/models--org--name/{etag}.lock
 * </pre>
 */
public final class CacheLayout {
    private final Path root;

    public CacheLayout(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** {@code models--org--name}, {@code datasets--org--name}, {@code spaces--org--name}. */
    public static String repoFolderName(RepoType type, RepoId repoId) {
        return type.plural() + "--" + repoId.value().replace("/", "--");
    }

    public RepoCache repo(RepoType type, RepoId repoId) {
        String folder = repoFolderName(type, repoId);
        return new RepoCache(root.resolve(folder), root.resolve(".locks").resolve(folder));
    }
}
