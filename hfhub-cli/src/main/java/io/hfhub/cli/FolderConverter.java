package io.hfhub.cli;

import java.nio.file.Path;

/**
 * A folder argument ({@code --cache-dir}, {@code --local-dir}): an empty value is a usage error, not the current
 * folder. {@code --cache-dir ''} from an unset shell variable would otherwise write a cache wherever the command
 * happens to run.
 */
final class FolderConverter {
    private FolderConverter() {
    }

    static Path convert(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an empty folder name is not allowed");
        }
        return Path.of(value);
    }
}
