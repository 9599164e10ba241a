package io.hfhub.cache;

import java.nio.file.Path;

/**
 * A partial download left in {@code blobs/}: {@code <etag>.incomplete} (hfhub, Python 0.36) or
 * {@code <etag>.<8hex>.incomplete} (Python 1.x).
 *
 * @param path       the partial file
 * @param sizeOnDisk its current size in bytes
 */
public record IncompleteFile(Path path, long sizeOnDisk) {}
