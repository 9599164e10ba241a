package io.hfhub.cache;

import io.hfhub.RepoType;
import io.hfhub.store.TempNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads one repository folder with the rules of Python's {@code _scan_cached_repo}: anything it cannot
 * make sense of raises {@link CorruptedRepoException} so the whole repo is skipped, never half-reported.
 */
final class RepoScanner {
    /** OS junk that may sit in any folder of the cache and is not data. */
    static final Set<String> FILES_TO_IGNORE = Set.of(".DS_Store", "Thumbs.db", "desktop.ini");

    private final Path repoPath;
    /** Blob stats keyed by real path: a blob linked from many revisions is stat-ed and counted once. */
    private final Map<Path, BasicFileAttributes> blobStats = new LinkedHashMap<>();

    private RepoScanner(Path repoPath) {
        this.repoPath = repoPath;
    }

    static CachedRepo scan(Path repoPath) throws CorruptedRepoException, IOException {
        return new RepoScanner(repoPath).scan();
    }

    private CachedRepo scan() throws CorruptedRepoException, IOException {
        if (!Files.isDirectory(repoPath)) {
            throw new CorruptedRepoException("Repo path is not a directory: " + repoPath);
        }
        String name = repoPath.getFileName().toString();
        int sep = name.indexOf("--");
        if (sep < 0) {
            throw new CorruptedRepoException("Repo path is not a valid HuggingFace cache directory: " + repoPath);
        }
        RepoType type = repoType(name.substring(0, sep));
        String repoId = name.substring(sep + 2).replace("--", "/");
        Path snapshots = repoPath.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            throw new CorruptedRepoException("Snapshots dir doesn't exist in cached repo: " + snapshots);
        }
        Map<String, Set<String>> refsByCommit = readRefs(repoPath.resolve("refs"));
        List<CachedRevision> revisions = new ArrayList<>();
        for (Path revisionPath : sortedChildren(snapshots)) {
            if (FILES_TO_IGNORE.contains(revisionPath.getFileName().toString())) {
                continue;
            }
            if (!Files.isDirectory(revisionPath)) {
                throw new CorruptedRepoException("Snapshots folder corrupted. Found a file: " + revisionPath);
            }
            String commit = revisionPath.getFileName().toString();
            Set<String> refs = refsByCommit.remove(commit);
            revisions.add(scanRevision(revisionPath, refs == null ? Set.of() : refs));
        }
        if (!refsByCommit.isEmpty()) {
            throw new CorruptedRepoException("Reference(s) refer to missing commit hashes: " + refsByCommit
                    + " (" + repoPath + ").");
        }
        return repo(repoId, type, revisions);
    }

    private CachedRepo repo(String repoId, RepoType type, List<CachedRevision> revisions) throws IOException {
        long blobBytes = blobStats.values().stream().mapToLong(BasicFileAttributes::size).sum();
        // hfhub's extracted archives live in the repo folder and are freed with it, so they count here.
        long size = blobBytes + DiskUsage.of(repoPath.resolve("extracted"));
        Instant lastAccessed;
        Instant lastModified;
        if (blobStats.isEmpty()) {
            BasicFileAttributes own = Files.readAttributes(repoPath, BasicFileAttributes.class);
            lastAccessed = own.lastAccessTime().toInstant();
            lastModified = own.lastModifiedTime().toInstant();
        } else {
            lastAccessed = blobStats.values().stream().map(a -> a.lastAccessTime().toInstant())
                    .max(Comparator.naturalOrder()).orElseThrow();
            lastModified = blobStats.values().stream().map(a -> a.lastModifiedTime().toInstant())
                    .max(Comparator.naturalOrder()).orElseThrow();
        }
        return new CachedRepo(repoId, type, repoPath, size, blobStats.size(), revisions, lastAccessed, lastModified);
    }

    private static RepoType repoType(String plural) throws CorruptedRepoException {
        for (RepoType type : RepoType.values()) {
            if (type.plural().equals(plural)) {
                return type;
            }
        }
        throw new CorruptedRepoException("Repo type must be `dataset`, `model` or `space`, found `"
                + (plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural) + "`.");
    }

    /** {@code refs/main} and nested {@code refs/refs/pr/1}, grouped by the commit they hold. */
    private static Map<String, Set<String>> readRefs(Path refsDir) throws CorruptedRepoException, IOException {
        Map<String, Set<String>> byCommit = new HashMap<>();
        if (!Files.exists(refsDir)) {
            return byCommit;
        }
        if (!Files.isDirectory(refsDir)) {
            throw new CorruptedRepoException("Refs directory cannot be a file: " + refsDir);
        }
        try (Stream<Path> walk = Files.walk(refsDir)) {
            for (Path ref : walk.filter(Files::isRegularFile).collect(Collectors.toList())) {
                if (FILES_TO_IGNORE.contains(ref.getFileName().toString()) || isTempRef(ref)) {
                    continue;
                }
                String refName = refsDir.relativize(ref).toString().replace(ref.getFileSystem().getSeparator(), "/");
                String commit = Files.readString(ref, StandardCharsets.UTF_8).trim();
                byCommit.computeIfAbsent(commit, c -> new TreeSet<>()).add(refName);
            }
        }
        return byCommit;
    }

    /** A ref being written atomically by Python 1.x ({@code refs/<name>.<8hex>.tmp}) is not a ref yet. */
    private static boolean isTempRef(Path ref) {
        return TempNames.isTemporary(ref.getFileName().toString());
    }

    private CachedRevision scanRevision(Path revisionPath, Set<String> refs)
            throws CorruptedRepoException, IOException {
        List<CachedFile> files = new ArrayList<>();
        Set<Path> revisionBlobs = new HashSet<>();
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(revisionPath)) {
            entries = walk.filter(p -> !Files.isDirectory(p)).sorted().collect(Collectors.toList());
        }
        for (Path entry : entries) {
            if (TempNames.isOurs(entry.getFileName().toString())) {
                continue; // hfhub replacing a link, or a killed process's leftover: not a file of the revision
            }
            Path blob;
            try {
                blob = entry.toRealPath();
            } catch (NoSuchFileException e) {
                throw new CorruptedRepoException("Blob missing (broken symlink): " + entry + " -> "
                        + readLinkQuietly(entry));
            }
            BasicFileAttributes attrs = blobStats.get(blob);
            if (attrs == null) {
                attrs = Files.readAttributes(blob, BasicFileAttributes.class);
                blobStats.put(blob, attrs);
            }
            revisionBlobs.add(blob);
            String fileName = revisionPath.relativize(entry).toString()
                    .replace(entry.getFileSystem().getSeparator(), "/");
            files.add(new CachedFile(fileName, entry, blob, attrs.size(),
                    attrs.lastAccessTime().toInstant(), attrs.lastModifiedTime().toInstant()));
        }
        long size = revisionBlobs.stream().mapToLong(b -> blobStats.get(b).size()).sum();
        Instant lastModified = files.isEmpty()
                ? Files.getLastModifiedTime(revisionPath).toInstant()
                : files.stream().map(CachedFile::blobLastModified).max(Comparator.naturalOrder()).orElseThrow();
        return new CachedRevision(revisionPath.getFileName().toString(), revisionPath, size, files,
                new TreeSet<>(refs), lastModified);
    }

    private static String readLinkQuietly(Path entry) {
        try {
            return Files.isSymbolicLink(entry) ? Files.readSymbolicLink(entry).toString() : "?";
        } catch (IOException e) {
            return "?";
        }
    }

    static List<Path> sortedChildren(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.sorted().collect(Collectors.toList());
        }
    }
}
