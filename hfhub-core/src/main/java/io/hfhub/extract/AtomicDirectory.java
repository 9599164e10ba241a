package io.hfhub.extract;

import io.hfhub.store.TempNames;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Publishes a folder atomically: it is filled under a private temporary name beside its destination and
 * renamed into place in one step, so readers see either nothing or the complete tree. The temporary name
 * ({@link TempNames}) is unique per writer and names its owner, so concurrent writers (threads or processes) never share one; the first rename wins
 * and later ones find the winner's folder. This needs no lock, so it holds on file systems whose locks lie.
 */
final class AtomicDirectory {
    private AtomicDirectory() {}

    /**
     * Creates an empty temporary folder beside {@code dest} (see {@link TempNames}), whose parents are created
     * too, after removing the temporary folders a killed extraction into {@code dest} left there.
     */
    static Path createTempBeside(Path dest) throws IOException {
        Files.createDirectories(dest.toAbsolutePath().getParent());
        TempNames.removeAbandonedBeside(dest);
        while (true) {
            try {
                return Files.createDirectory(TempNames.beside(dest));
            } catch (FileAlreadyExistsException e) {
                // another writer drew the same number; draw again
            }
        }
    }

    /**
     * Renames {@code temp} to {@code dest}. Returns false, leaving {@code temp} in place, when another writer
     * published a non-empty {@code dest} first. POSIX rename replaces an empty folder, which is what a caller's
     * empty destination and the winner of a race over an empty archive look like.
     */
    static boolean publish(Path temp, Path dest) throws IOException {
        try {
            Files.move(temp, dest, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            // ENOTEMPTY / EEXIST: Java maps them to different exception types depending on the platform.
            if (isNonEmptyDirectory(dest)) {
                return false;
            }
            throw e;
        }
    }

    /** True if {@code dir} is a folder (not a link to one) holding at least one entry. */
    static boolean isNonEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return entries.iterator().hasNext();
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Deletes a tree without following symbolic links (a link is removed, never its target). */
    static void deleteTree(Path dir) throws IOException {
        TempNames.deleteTree(dir);
    }
}
