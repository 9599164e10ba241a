package io.hfhub.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creating the folders files are written into (the cache, a {@code local_dir}, the Xet chunk cache), which already
 * exist for all but the first file written there.
 */
public final class Folders {
    private Folders() {}

    /**
     * Creates {@code folder} and its parents unless it is already a folder. Checked first with {@code java.io}'s
     * stat, which answers with a boolean: on JDK 17 {@link Files#createDirectories} throws and catches an exception
     * (stack trace filled) for each existing folder on the way, several folders per downloaded file -- measurable on
     * a snapshot of hundreds of small files, while the JIT has not compiled that path yet.
     *
     * @throws java.nio.file.FileAlreadyExistsException when a file stands where a folder is needed
     */
    public static void ensure(Path folder) throws IOException {
        if (!folder.toFile().isDirectory()) {
            Files.createDirectories(folder);
        }
    }
}
