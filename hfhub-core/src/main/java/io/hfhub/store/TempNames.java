package io.hfhub.store;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one naming pattern of every temporary file or folder hfhub creates in the cache, and of the tombstones
 * a deletion renames folders to: {@code .<name>.hfhub-<pid>-<host tag>.<8 hex>.tmp}. Hidden, so the Python
 * client's scan and a user's {@code ls} skip it; it ends in {@code .<8 hex>.tmp} like the Python client's own
 * temporary refs; and it names its owner, so {@link CachePruner} can tell a leftover of a killed process (its
 * pid is gone on this host) from the work of a live one without any lock. On another host the pid means
 * nothing: there only the age counts, as for partial downloads.
 */
public final class TempNames {
    private static final Pattern PATTERN =
            Pattern.compile("\\.(.+)\\.hfhub-(\\d{1,10})-([0-9a-f]{8})\\.[0-9a-f]{8}\\.tmp");
    /** Any hidden {@code .tmp} name: what hfhub before this pattern (and other writers) left behind. */
    private static final Pattern ANY_TEMP = Pattern.compile("\\..+\\.tmp|.+\\.[0-9a-f]{8}\\.tmp|tmp\\d+\\.tmp");
    private static final String HOST_TAG = hostTag(localHostName());

    private TempNames() {}

    /** Who created a temporary name: a process id and a tag of its host name. */
    public record Owner(long pid, String hostTag) {
        /** True when the owner runs on this host and its process is gone (a pid elsewhere tells nothing). */
        public boolean isGone(String localHostTag, LongPredicate processAlive) {
            return hostTag.equals(localHostTag) && !processAlive.test(pid);
        }

        /** True when the owner runs on the host of {@code localHostTag}. */
        public boolean isLocal(String localHostTag) {
            return hostTag.equals(localHostTag);
        }
    }

    /** A fresh temporary name for {@code target}, in {@code target}'s own folder. */
    public static Path beside(Path target) {
        return in(target.toAbsolutePath().getParent(), target.getFileName().toString());
    }

    /** A fresh temporary name for something called {@code name}, in {@code folder}. */
    public static Path in(Path folder, String name) {
        // HexFormat, not String.format: a Formatter parses its pattern with a regex on every call, per small file
        String random = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        return folder.resolve("." + name + ".hfhub-" + ProcessHandle.current().pid() + "-" + HOST_TAG + "."
                + random + ".tmp");
    }

    /** True for a name made by {@link #beside} or {@link #in}. */
    public static boolean isOurs(String fileName) {
        return PATTERN.matcher(fileName).matches();
    }

    /** True for any temporary name, ours or one without an owner (older hfhub, the Python client). */
    public static boolean isTemporary(String fileName) {
        return ANY_TEMP.matcher(fileName).matches();
    }

    /** The name a temporary of ours stands for ({@code x} for {@code .x.hfhub-….tmp}). */
    public static Optional<String> baseName(String fileName) {
        Matcher m = PATTERN.matcher(fileName);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The owner a temporary name records, or empty for a name without one. */
    public static Optional<Owner> ownerOf(String fileName) {
        Matcher m = PATTERN.matcher(fileName);
        return m.matches() ? Optional.of(new Owner(Long.parseLong(m.group(2)), m.group(3))) : Optional.empty();
    }

    /** True when {@code fileName} is ours and its owner is a process of this host that is gone. */
    public static boolean ownerIsGone(String fileName) {
        return ownerOf(fileName).map(o -> o.isGone(HOST_TAG, TempNames::processAlive)).orElse(false);
    }

    /**
     * Removes the temporaries of {@code target} (siblings named {@code .<its name>.hfhub-….tmp}) whose owner is
     * gone: what a run killed before it published {@code target} left behind. Best effort; returns how many.
     */
    public static int removeAbandonedBeside(Path target) {
        Path folder = target.toAbsolutePath().getParent();
        String name = target.getFileName().toString();
        int removed = 0;
        try (var list = Files.newDirectoryStream(folder, "." + globEscape(name) + ".hfhub-*.tmp")) {
            for (Path temp : list) {
                String file = temp.getFileName().toString();
                if (baseName(file).filter(name::equals).isPresent() && ownerIsGone(file)) {
                    deleteTree(temp);
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // leftovers stay for `hfhub cache prune`; they never hide or corrupt data
        }
        return removed;
    }

    /**
     * Deletes {@code path} (a file, a link, or a folder tree) so that no reader ever sees a half-deleted
     * folder: a folder is first renamed to a temporary name in {@code tombstoneFolder} (one atomic step), then
     * deleted there. Killed in between, the tombstone is left for {@link CachePruner}. A missing path is fine.
     */
    public static void delete(Path path, Path tombstoneFolder) throws IOException {
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(path);
            return;
        }
        Path tombstone = in(tombstoneFolder, path.getFileName().toString());
        try {
            Files.move(path, tombstone, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return; // deleted by someone else meanwhile
        }
        deleteTree(tombstone);
    }

    /** Deletes a file, a symlink (never its target) or a folder tree; a missing path is fine. */
    public static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // walkFileTree does not follow links by default: a symlink inside a snapshot is removed, not its blob.
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null && !(e instanceof NoSuchFileException)) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** True while process {@code pid} of this host runs. */
    public static boolean processAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The tag a temporary name records for {@code host}: short, and free of characters a file name forbids. */
    public static String hostTag(String host) {
        return String.format("%08x", host.hashCode());
    }

    /** This machine's host name, as the tags of its temporary names record it. */
    public static String localHostName() {
        return HostName.current(); // the kernel's name, without DNS: see HostName
    }

    private static String globEscape(String name) {
        return name.replaceAll("([\\\\*?\\[\\]{}])", "\\\\$1");
    }
}
