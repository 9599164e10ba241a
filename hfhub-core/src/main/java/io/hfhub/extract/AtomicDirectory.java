package io.hfhub.extract;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Publishes a folder atomically: it is filled under a private temporary name beside its destination and
 * renamed into place in one step, so readers see either nothing or the complete tree. The temporary name is
 * unique per writer, so concurrent writers (threads or processes) never share one; the first rename wins
 * and later ones find the winner's folder. This needs no lock, so it holds on file systems whose locks lie.
 */
final class AtomicDirectory {
    private AtomicDirectory() {}

    /** Creates the empty folder {@code .<name>.<random>.tmp} beside {@code dest}, whose parents are created too. */
    static Path createTempBeside(Path dest) throws IOException {
        Path parent = dest.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        while (true) {
            String random = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
            Path temp = parent.resolve("." + dest.getFileName() + "." + random + ".tmp");
            try {
                return Files.createDirectory(temp);
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
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException error) throws IOException {
                if (error != null) {
                    throw error;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
