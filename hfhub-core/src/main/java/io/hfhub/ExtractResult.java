package io.hfhub;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of an extraction.
 *
 * @param directory  the extraction folder (complete: it appeared in one atomic rename)
 * @param files      the regular files in it, in archive order (hard links included; folders and symbolic
 *                   links are not listed). When another process extracted the same archive first, the files
 *                   found in its folder, in directory-walk order.
 * @param totalBytes the sum of the files' sizes
 */
public record ExtractResult(Path directory, List<ExtractedFile> files, long totalBytes) {
    /**
     * Copies {@code files} so the result stays immutable.
     *
     * @param directory the extraction folder (complete: it appeared in one atomic rename)
     * @param files the regular files in it, in archive order (hard links included; folders and symbolic links are not
     *              listed). When another process extracted the same archive first, the files found in its folder, in
     *              directory-walk order.
     * @param totalBytes the sum of the files' sizes
     */
    public ExtractResult {
        files = List.copyOf(files);
    }
}
