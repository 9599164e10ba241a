package io.hfhub.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.EnumSet;

/**
 * The one "temporary file, then rename" of the cache: a file is written whole under a {@link TempNames} name
 * beside its target, then renamed over it, so a reader (or a process killed half-way) sees the old content or
 * the new one, never a torn file, and a leftover temporary names its owner for {@link CachePruner}.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * Writes {@code content} to {@code file}, replacing it atomically; its folder must exist. {@code attributes}
     * are given to the temporary file when it is created (the permissions of a token file), so the content is never
     * readable with other permissions, even for an instant.
     */
    public static void write(Path file, byte[] content, FileAttribute<?>... attributes) throws IOException {
        Path tmp = TempNames.beside(file);
        try {
            try (SeekableByteChannel channel = Files.newByteChannel(tmp,
                    EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Publishes {@code staged}, a complete file in {@code file}'s folder, as {@code file} by one atomic rename over
     * whatever is there: a reader sees the old file or the new one. No copying fallback: a blob is never torn.
     */
    public static void publish(Path staged, Path file) throws IOException {
        Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Writes {@code content} to {@code file} only if no file of that name exists, atomically: the content is
     * written whole under a temporary name, then hard-linked into place, which fails if the name is taken, so
     * of two writers racing exactly one wins. Returns false when {@code file} already existed.
     */
    public static boolean createNew(Path file, byte[] content) throws IOException {
        Path tmp = TempNames.beside(file);
        try {
            Files.write(tmp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | FileSystemException e) {
                if (Files.exists(file)) {
                    return false;
                }
                Files.move(tmp, file); // no hard links here: not atomic, but still never replaces a file
            }
            return true;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
