package io.hfhub.serve;

import java.nio.file.Path;

/**
 * A file the mirror may send: checked to lie inside the cache, with the etag the Hub would give it.
 *
 * @param path     the file's path in the repository
 * @param realPath the blob on disk, symlinks resolved
 * @param etag     the blob name (sha256 for LFS files, git blob sha1 otherwise)
 * @param size     its size in bytes
 */
record ServedFile(String path, Path realPath, String etag, long size) {
    /** 64-hex etags are LFS sha256s: the Hub sends them as {@code X-Linked-Etag} with {@code X-Linked-Size}. */
    boolean isLfs() {
        return etag.length() == 64;
    }
}
