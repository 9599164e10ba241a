package io.hfhub.cache;

import io.hfhub.RepoType;
import io.hfhub.store.BlobHash;
import io.hfhub.store.ExtractionRecord;
import io.hfhub.store.FileErrors;
import io.hfhub.store.TempNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Verifies one repository folder for {@link CacheVerifier}: links first, then refs, then blob contents. */
final class RepoVerifier {
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    /** Running counts over all repositories. */
    static final class Totals {
        int repos;
        int blobs;
        int files;
        int unchecked;
    }

    /** A snapshot entry and the blob it links to, so a bad blob can be reported by the files that use it. */
    private record Link(String revision, String fileName, Path entry) {}

    private final Path folder;
    private final RepoType type;
    private final String repoId;
    private final List<VerifyProblem> problems = new ArrayList<>();
    /** Blob name → the snapshot entries linking to it. */
    private final Map<String, List<Link>> linksByBlob = new LinkedHashMap<>();

    private RepoVerifier(Path folder, RepoType type, String repoId) {
        this.folder = folder;
        this.type = type;
        this.repoId = repoId;
    }

    /** A verifier for a folder named {@code <type>s--<id>}, or empty for a folder that is not a repository. */
    static Optional<RepoVerifier> forFolder(Path folder) {
        String name = folder.getFileName().toString();
        int sep = name.indexOf("--");
        for (RepoType type : RepoType.values()) {
            if (sep > 0 && type.plural().equals(name.substring(0, sep))) {
                return Optional.of(new RepoVerifier(folder, type, name.substring(sep + 2).replace("--", "/")));
            }
        }
        return Optional.empty();
    }

    /**
     * Runs every check; an I/O error ends only the check it happened in (a whole phase when the folder itself
     * cannot be listed, else one blob or ref) and becomes a problem, so nothing is silently left unverified.
     */
    List<VerifyProblem> verify(Totals totals) {
        totals.repos++;
        try {
            checkSnapshots(totals);
        } catch (IOException | UncheckedIOException e) {
            problem(null, null, folder.resolve("snapshots"), "cannot read the snapshots: " + describe(e));
        }
        try {
            checkRefs();
        } catch (IOException | UncheckedIOException e) {
            problem(null, null, folder.resolve("refs"), "cannot read the refs: " + describe(e));
        }
        try {
            checkBlobs(totals);
        } catch (IOException | UncheckedIOException e) {
            problem(null, null, folder.resolve("blobs"), "cannot list the blobs: " + describe(e));
        }
        try {
            checkExtracted();
        } catch (IOException | UncheckedIOException e) {
            problem(null, null, folder.resolve("extracted"), "cannot read the extracted archives: " + describe(e));
        }
        return problems;
    }

    private void checkSnapshots(Totals totals) throws IOException {
        Path snapshots = folder.resolve("snapshots");
        if (!Files.isDirectory(snapshots)) {
            // No revision yet (a first download failed or is under way) is valid; refs pointing nowhere are not.
            if (hasRefs()) {
                problem(null, null, snapshots, "snapshots/ folder is missing");
            }
            return;
        }
        Path realBlobs = realBlobsFolder();
        for (Path revision : RepoScanner.sortedChildren(snapshots)) {
            if (!Files.isDirectory(revision)) {
                continue; // OS junk; the scanner reports stray files
            }
            String commit = revision.getFileName().toString();
            for (Path entry : entries(revision)) {
                if (TempNames.isOurs(entry.getFileName().toString())) {
                    continue; // a link being replaced, or left by a killed process: a leftover, not an entry
                }
                String fileName = revision.relativize(entry).toString().replace(entry.getFileSystem().getSeparator(), "/");
                if (!Files.isSymbolicLink(entry)) {
                    totals.unchecked++; // no-symlink layout: a real file, its name carries no hash
                    continue;
                }
                totals.files++;
                checkLink(commit, fileName, entry, realBlobs);
            }
        }
    }

    private void checkLink(String commit, String fileName, Path entry, Path realBlobs) throws IOException {
        Path target;
        try {
            target = entry.toRealPath();
        } catch (NoSuchFileException e) {
            problem(commit, fileName, entry, "broken link: blob missing (" + Files.readSymbolicLink(entry) + ")");
            return;
        }
        if (realBlobs == null || !target.getParent().equals(realBlobs)) {
            problem(commit, fileName, entry, "link points outside the repository's blobs/ folder: " + target);
            return;
        }
        linksByBlob.computeIfAbsent(target.getFileName().toString(), b -> new ArrayList<>())
                .add(new Link(commit, fileName, entry));
    }

    private boolean hasRefs() throws IOException {
        Path refs = folder.resolve("refs");
        if (!Files.isDirectory(refs)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(refs)) {
            return walk.anyMatch(p -> Files.isRegularFile(p) && !TempNames.isTemporary(p.getFileName().toString()));
        }
    }

    private void checkRefs() throws IOException {
        Path refs = folder.resolve("refs");
        if (!Files.isDirectory(refs)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(refs)) {
            files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        for (Path ref : files) {
            if (TempNames.isTemporary(ref.getFileName().toString())) {
                continue; // a ref being written: a leftover, not a ref
            }
            String name = refs.relativize(ref).toString().replace(ref.getFileSystem().getSeparator(), "/");
            String commit = Files.readString(ref, StandardCharsets.UTF_8).trim();
            if (!COMMIT.matcher(commit).matches()) {
                problem(null, name, ref, "ref does not hold a 40-hex commit hash");
            } else if (!Files.isDirectory(folder.resolve("snapshots").resolve(commit))
                    && !Files.isDirectory(folder.resolve(".no_exist").resolve(commit))) {
                // a ref beside .no_exist/<commit> records files known missing there (as Python writes it): valid
                problem(commit, name, ref, "ref points to a missing snapshot " + commit);
            }
        }
    }

    private void checkBlobs(Totals totals) throws IOException {
        Path blobs = folder.resolve("blobs");
        if (!Files.isDirectory(blobs)) {
            return;
        }
        for (Path blob : RepoScanner.sortedChildren(blobs)) {
            String name = blob.getFileName().toString();
            Optional<BlobHash> hash = BlobHash.forEtag(name);
            if (hash.isEmpty()) {
                continue; // partial downloads and temp files are not blobs yet
            }
            if (!Files.isRegularFile(blob)) {
                // never read a folder, a FIFO or a device; a broken link or a blob deleted meanwhile lands here too
                reportBadBlob(blob, name, Files.exists(blob, LinkOption.NOFOLLOW_LINKS)
                        ? "not a regular file" : "blob vanished during the check, or is a broken link");
                continue;
            }
            totals.blobs++;
            String actual;
            try {
                actual = hash.get().of(blob);
            } catch (IOException | UncheckedIOException e) {
                // one unreadable blob (or one deleted while being hashed) must not leave the others unchecked
                reportBadBlob(blob, name, "cannot read the blob: " + describe(e));
                continue;
            }
            if (!actual.equals(name)) {
                reportBadBlob(blob, name, "content does not match its name (" + hash.get().name().toLowerCase()
                        + " is " + actual + ")");
            }
        }
    }

    /**
     * Checks every extraction folder against its record (written last, listing the files and their sizes as
     * extracted): a folder without a record is an interrupted extraction; a record without a folder, or a
     * legacy record (earlier hfhub builds wrote it before extracting) cannot vouch for anything. Temporary names are
     * leftovers, reported apart by {@link CacheVerifier}.
     */
    private void checkExtracted() throws IOException {
        Path extracted = folder.resolve("extracted");
        if (!Files.isDirectory(extracted, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        String redo = ": run the download with --extract again to redo it";
        for (Path child : RepoScanner.sortedChildren(extracted)) {
            String name = child.getFileName().toString();
            if (TempNames.isTemporary(name) || RepoScanner.FILES_TO_IGNORE.contains(name)) {
                continue;
            }
            if (name.endsWith(ExtractionRecord.SUFFIX)) {
                Path extraction = extracted.resolve(name.substring(0, name.length() - ExtractionRecord.SUFFIX.length()));
                if (!Files.isDirectory(extraction, LinkOption.NOFOLLOW_LINKS)) {
                    problem(null, null, child, "extraction record without its folder" + redo);
                }
                continue;
            }
            Optional<ExtractionRecord> record = ExtractionRecord.read(child);
            if (record.isEmpty()) {
                problem(null, null, child, "extracted folder without its record (an interrupted extraction)" + redo);
            } else if (record.get().sha256().isEmpty()) {
                problem(null, null, child, "unreadable extraction record " + ExtractionRecord.pathFor(child) + redo);
            } else if (!record.get().isComplete()) {
                problem(null, null, child, "extracted by an older hfhub that recorded no file list, so it may be"
                        + " incomplete" + redo);
            } else {
                List<String> differences = record.get().differences(child);
                if (!differences.isEmpty()) {
                    problem(null, null, child, "extracted folder does not match its archive ("
                            + String.join("; ", differences) + ")" + redo);
                }
            }
        }
    }

    private static String describe(Exception e) {
        IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
        return FileErrors.describe(io);
    }

    private void reportBadBlob(Path blob, String name, String reason) {
        List<Link> links = linksByBlob.getOrDefault(name, List.of());
        if (links.isEmpty()) {
            problem(null, null, blob, reason);
        }
        for (Link link : links) {
            problem(link.revision(), link.fileName(), blob, reason);
        }
    }

    private Path realBlobsFolder() {
        try {
            return folder.resolve("blobs").toRealPath();
        } catch (IOException e) {
            return null; // no blobs/ at all: every link is then reported
        }
    }

    private static List<Path> entries(Path revision) throws IOException {
        try (Stream<Path> walk = Files.walk(revision)) {
            return walk.filter(p -> Files.isSymbolicLink(p) || !Files.isDirectory(p)).sorted()
                    .collect(Collectors.toList());
        }
    }

    private void problem(String revision, String fileName, Path path, String reason) {
        problems.add(new VerifyProblem(type, repoId, revision, fileName, path, reason));
    }
}
