package io.hfhub.cache;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One file of a cached revision.
 *
 * @param fileName         the path of the file in the repository, with {@code /} separators
 * @param filePath         the entry in {@code snapshots/<commit>/}, usually a symlink
 * @param blobPath         the resolved target: {@code blobs/<etag>}, or {@code filePath} itself in the
 *                         no-symlink layout ({@code HF_HUB_DISABLE_SYMLINKS=1})
 * @param sizeOnDisk       the size of the blob in bytes
 * @param blobLastAccessed the blob's last access time
 * @param blobLastModified the blob's last modification time
 */
public record CachedFile(String fileName, Path filePath, Path blobPath, long sizeOnDisk,
        Instant blobLastAccessed, Instant blobLastModified) {}
