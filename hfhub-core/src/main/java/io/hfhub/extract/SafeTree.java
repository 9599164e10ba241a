package io.hfhub.extract;

import static io.hfhub.extract.EntryNames.unsafe;

import io.hfhub.ExtractedFile;
import io.hfhub.UnsafeArchiveException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes archive entries under a root folder and guarantees that nothing lands outside it. The rules:
 * <ul>
 *   <li>names pass {@link EntryNames}: relative, no {@code ..}, no backslash or drive letter;
 *   <li>every parent of an entry is a real folder inside the root, checked without following links, and no
 *       entry is ever written through a symbolic link — not even one pointing inside;
 *   <li>symbolic links are created last, after every file, so no later entry can write through them; each
 *       must then resolve inside the root ({@link LinkResolver}), following the links it passes through;
 *   <li>hard links may only name a regular file extracted before them; they become hard links (or copies
 *       where the file system has none);
 *   <li>devices, fifos and sockets are refused; permissions keep only the rwx bits, so setuid, setgid and
 *       sticky bits are dropped, and the process umask applies as for any new file.
 * </ul>
 * Later entries replace earlier ones of the same name, as with tar, except that nothing replaces a folder.
 */
final class SafeTree {
    /** One reusable buffer per extraction: large reads keep syscalls and decoder calls few. */
    private static final int BUFFER_SIZE = 256 * 1024;

    private final Path root;
    private final ExtractionMeter meter;
    private final boolean posix;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private final ByteBuffer wrapped = ByteBuffer.wrap(buffer);
    /** Folders known to be real folders on disk (relative paths); saves a stat per parent per entry. */
    private final Set<String> folders = new HashSet<>();
    /** Regular files written, in archive order, with their sizes. */
    private final Map<String, Long> files = new LinkedHashMap<>();
    /** Symbolic links to create at the end: path → target. */
    private final Map<String, String> links = new LinkedHashMap<>();

    SafeTree(Path root, ExtractionMeter meter) {
        this.root = root;
        this.meter = meter;
        this.posix = root.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Writes one entry; {@code reader} supplies a regular file's content. */
    void add(ArchiveItem item, EntryReader reader) throws IOException {
        String path = EntryNames.normalize(item.name());
        if (path.isEmpty()) {
            if (item.kind() == ArchiveItem.Kind.DIRECTORY) {
                return; // "./" names the root itself
            }
            throw unsafe(item.name(), "has an empty name");
        }
        switch (item.kind()) {
            case DIRECTORY -> folder(path);
            case FILE -> file(path, reader.content(), item.mode(), item.modifiedMillis());
            case HARDLINK -> hardLink(path, item.linkTarget());
            case SYMLINK -> symbolicLink(path, item.linkTarget());
            default -> throw unsafe(item.name(), "is a " + item.kind().description()
                    + "; devices, fifos and sockets are never extracted");
        }
    }

    /** Creates the pending symbolic links, checks where they lead, and returns the regular files written. */
    List<ExtractedFile> finish() throws IOException {
        for (Map.Entry<String, String> link : links.entrySet()) {
            Path at = root.resolve(link.getKey());
            Files.deleteIfExists(at); // an earlier regular file of the same name; folders were refused
            Files.createSymbolicLink(at, at.getFileSystem().getPath(link.getValue()));
        }
        for (Map.Entry<String, String> link : links.entrySet()) {
            if (!LinkResolver.staysInside(root, link.getKey())) {
                throw unsafe(link.getKey(), "is a symbolic link to '" + link.getValue()
                        + "', which resolves outside the destination through other links");
            }
        }
        List<ExtractedFile> result = new ArrayList<>(files.size());
        files.forEach((path, size) -> result.add(new ExtractedFile(path, size)));
        return result;
    }

    private void folder(String path) throws IOException {
        links.remove(path);
        if (!folders.contains(path)) {
            parents(path);
            ensureFolder(path, path);
        }
    }

    private void file(String path, InputStream content, int mode, long modifiedMillis) throws IOException {
        Path target = claim(path);
        long size = 0;
        // CREATE_NEW fails on anything already there, a symbolic link included, so a write never follows one.
        try (FileChannel out = FileChannel.open(target, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                permissions(mode))) {
            for (int n; (n = content.read(buffer)) >= 0; ) {
                if (n == 0) {
                    continue;
                }
                meter.beforeWrite(n);
                wrapped.clear().limit(n);
                while (wrapped.hasRemaining()) {
                    out.write(wrapped);
                }
                size += n;
            }
        }
        if (modifiedMillis >= 0) {
            Files.setLastModifiedTime(target, FileTime.fromMillis(modifiedMillis));
        }
        files.put(path, size);
    }

    private void hardLink(String path, String rawTarget) throws IOException {
        if (rawTarget == null) {
            throw unsafe(path, "is a hard link without a target");
        }
        String targetPath;
        try {
            targetPath = EntryNames.normalize(rawTarget);
        } catch (UnsafeArchiveException e) {
            throw unsafe(path, "is a hard link to '" + rawTarget + "', outside the destination");
        }
        Long size = files.get(targetPath);
        if (size == null) {
            throw unsafe(path, "is a hard link to '" + rawTarget + "', which is not a regular file extracted before it");
        }
        if (targetPath.equals(path)) {
            return;
        }
        Path link = claim(path);
        Path existing = root.resolve(targetPath);
        try {
            Files.createLink(link, existing);
        } catch (UnsupportedOperationException | FileSystemException e) {
            // No hard links here (FAT, some network file systems): a copy is equivalent for readers.
            try (InputStream in = Files.newInputStream(existing, LinkOption.NOFOLLOW_LINKS)) {
                file(path, in, 0, -1);
                return;
            }
        }
        files.put(path, size);
    }

    private void symbolicLink(String path, String target) throws IOException {
        EntryNames.checkLinkTarget(path, target);
        if (folders.contains(path)) {
            throw unsafe(path, "is a symbolic link that would replace the folder of the same name");
        }
        parents(path);
        if (files.remove(path) != null) {
            // The link replaces it; delete it now, or a later regular file of this name finds it in the way.
            Files.delete(root.resolve(path));
        }
        links.remove(path); // re-insert so a later duplicate wins
        links.put(path, target);
    }

    /** Prepares {@code path} for a new regular file or hard link: parents exist, nothing stands in the way. */
    private Path claim(String path) throws IOException {
        if (folders.contains(path)) {
            throw unsafe(path, "would replace the folder of the same name");
        }
        parents(path);
        links.remove(path);
        Path target = root.resolve(path);
        if (files.remove(path) != null) {
            Files.delete(target); // a later entry of the same name replaces the earlier, as tar does
        }
        return target;
    }

    /** Makes sure every parent of {@code path} is a real folder inside the root. */
    private void parents(String path) throws IOException {
        int slash = path.lastIndexOf('/');
        if (slash < 0 || folders.contains(path.substring(0, slash))) {
            return; // folders only ever holds paths whose every ancestor was checked
        }
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            String parent = path.substring(0, i);
            if (!folders.contains(parent)) {
                ensureFolder(parent, path);
            }
        }
    }

    /** Creates folder {@code path} or checks that what is there is a real folder, never following a link. */
    private void ensureFolder(String path, String forEntry) throws IOException {
        if (links.containsKey(path)) {
            throw unsafe(forEntry, "would be written through the symbolic link '" + path + "'");
        }
        Path dir = root.resolve(path);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            Files.createDirectory(dir);
            folders.add(path);
            return;
        }
        if (attributes.isSymbolicLink()) {
            throw unsafe(forEntry, "would be written through the symbolic link '" + path + "'");
        }
        if (!attributes.isDirectory()) {
            throw unsafe(forEntry, "needs '" + path + "' to be a folder, but the archive made it a file");
        }
        folders.add(path);
    }

    /**
     * The creation permissions: the entry's rwx bits with owner read/write added (so the tree can always be
     * read and deleted), special bits dropped. Unknown modes get 0666; the umask then applies, as for tar.
     */
    private FileAttribute<?>[] permissions(int mode) {
        if (!posix) {
            return new FileAttribute<?>[0];
        }
        int bits = mode == 0 ? 0666 : (mode & 0777) | 0600;
        Set<PosixFilePermission> set = PosixFilePermissions.fromString(toRwx(bits));
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(set)};
    }

    private static String toRwx(int bits) {
        char[] out = new char[9];
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            out[i] = (bits & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-';
        }
        return new String(out);
    }
}
