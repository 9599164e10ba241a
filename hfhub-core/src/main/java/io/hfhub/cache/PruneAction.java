package io.hfhub.cache;

import java.nio.file.Path;

/**
 * A file {@link CachePruner} removed (or, in a dry run, would remove), or kept, and why.
 *
 * @param path   the partial download, its state file, or the lock file
 * @param size   its size in bytes
 * @param reason why it was removed or kept
 */
public record PruneAction(Path path, long size, String reason) {}
