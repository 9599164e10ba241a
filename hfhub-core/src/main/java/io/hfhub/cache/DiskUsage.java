package io.hfhub.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/** Sizes of folder trees, symlinks not followed (so nothing is counted twice or outside the tree). */
final class DiskUsage {
    private DiskUsage() {}

    /** The total size of the regular files under {@code folder} (or of the file itself); 0 when it does not exist. */
    static long of(Path folder) {
        if (!Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return regularFileSize(folder);
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.mapToLong(DiskUsage::regularFileSize).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long regularFileSize(Path path) {
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
            return attrs.isRegularFile() ? attrs.size() : 0;
        } catch (IOException e) {
            return 0; // vanished while walking: a concurrent delete, nothing to count
        }
    }
}
