package io.hfhub.extract;

import io.hfhub.ArchiveFormat;
import io.hfhub.ExtractOptions;
import io.hfhub.ExtractResult;
import io.hfhub.ExtractedFile;
import io.hfhub.HfHubException;
import io.hfhub.UnsafeArchiveException;
import io.hfhub.store.ExtractionRecord;
import io.hfhub.store.FileErrors;
import io.hfhub.store.TempNames;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The download integration: extracts a published cache blob into {@code <repo folder>/extracted/<hash8>/},
 * where {@code hash8} is the first 8 hex digits of the blob's SHA-256. The folder is content-addressed, so
 * one with a complete record ({@link ExtractionRecord}: the blob's SHA-256 and the files extracted, written
 * last) is returned without work; revisions sharing a blob share its folder.
 *
 * <p>The steps, each atomic, each leaving a valid cache if the process dies right after it: the archive is
 * extracted into a temporary folder beside the destination; that folder is renamed into place; the record is
 * written. Killed before the rename, a temporary folder naming its owner is left for the next extraction into
 * the same place or {@code hfhub cache prune}; killed between rename and record, a complete folder without a
 * record, which the next run recognises (same files, same bytes as its own extraction) and records.
 *
 * <p>8 hex digits can collide, so a folder is reused only when its record names the same SHA-256. A blob
 * whose 8-digit folder belongs to another blob, or holds other files without a record (a concurrent
 * extraction of the colliding blob, or a folder of unknown origin), is extracted into
 * {@code extracted/<first 16 hex>/} instead, checked the same way; should that collide too,
 * {@link UnsafeArchiveException}. Never is another blob's tree returned.
 */
public final class CacheExtraction {
    /** The folder of a repository's cache entry that holds extracted archives (hfhub's own; Python ignores it). */
    public static final String EXTRACTED_FOLDER = "extracted";
    /** The record of {@code extracted/<name>/} is {@code extracted/<name>.sha256}. */
    static final String OWNER_SUFFIX = ExtractionRecord.SUFFIX;
    /** Folder name lengths tried in turn: the documented 8 hex digits, then 16 on a collision. */
    private static final int[] FOLDER_DIGITS = {8, 16};
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{8,}");
    private static final int HASH_BUFFER = 256 * 1024;

    private CacheExtraction() {}

    /**
     * If {@code blob} is an archive (detected with {@code repoFileName} as hint), extracts it into
     * {@code repoFolder/extracted/<first 8 hex of the blob's sha256>/} and returns that folder (idempotent: an
     * existing folder recorded for the same sha256 is returned with no work); otherwise returns {@code blob}
     * unchanged. {@code sha256} may be null (then it is computed, streaming, from the blob); for LFS files the
     * caller passes the known one. See the class comment for what happens when 8 hex digits collide.
     */
    public static Path extractBlob(Path blob, String repoFileName, String sha256, Path repoFolder,
                                   ExtractOptions options) {
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(repoFolder, "repoFolder");
        Objects.requireNonNull(options, "options");
        String sha = sha256(blob, sha256);
        Path extracted = repoFolder.resolve(EXTRACTED_FOLDER);
        try {
            Optional<Path> done = finished(extracted, sha);
            if (done.isPresent()) {
                return done.get();
            }
            ArchiveFormat format = FormatDetector.detect(blob, repoFileName);
            if (format == ArchiveFormat.NONE) {
                return blob;
            }
            Path dest = candidate(extracted, sha, 0);
            return Extractor.extract(blob, format, repoFileName, dest, options,
                    (temp, files) -> publish(temp, files, extracted, sha, indexOf(dest))).directory();
        } catch (IOException e) {
            throw new HfHubException("Could not extract " + blob + " into " + extracted + ": "
                    + FileErrors.describe(e), e);
        }
    }

    /**
     * The folder already extracted for {@code sha}, if one has a complete record. A record of {@code sha} that
     * cannot vouch for its folder (a legacy record, written before extraction by earlier hfhub builds; or its folder
     * gone) is removed with its folder, record first, so the extraction is done again.
     */
    private static Optional<Path> finished(Path extracted, String sha) throws IOException {
        for (int digits : FOLDER_DIGITS) {
            Path folder = extracted.resolve(sha.substring(0, digits));
            Optional<ExtractionRecord> record = ExtractionRecord.read(folder);
            if (record.isEmpty() || !record.get().sha256().equals(sha)) {
                continue;
            }
            if (record.get().isComplete() && Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(folder);
            }
            Files.deleteIfExists(ExtractionRecord.pathFor(folder));
            TempNames.delete(folder, extracted);
        }
        return Optional.empty();
    }

    /** The first folder name, from the {@code from}-th length on, not recorded as another blob's. */
    private static Path candidate(Path extracted, String sha, int from) throws IOException {
        for (int i = from; i < FOLDER_DIGITS.length; i++) {
            Path folder = extracted.resolve(sha.substring(0, FOLDER_DIGITS[i]));
            Optional<ExtractionRecord> record = ExtractionRecord.read(folder);
            if (record.isEmpty() || record.get().sha256().equals(sha)) {
                return folder;
            }
        }
        throw collision(extracted.resolve(sha.substring(0, 8)), sha);
    }

    private static int indexOf(Path folder) {
        int length = folder.getFileName().toString().length();
        return length == FOLDER_DIGITS[0] ? 0 : 1;
    }

    /**
     * Renames the filled temporary folder into place and writes the record last. When the name is taken, the
     * folder there is adopted if it holds exactly what was just extracted (a concurrent extractor won, or a
     * run was killed before its record), and the next name is tried otherwise.
     */
    private static ExtractResult publish(Path temp, List<ExtractedFile> files, Path extracted, String sha, int index)
            throws IOException {
        Path dest = candidate(extracted, sha, index);
        ExtractionRecord record = ExtractionRecord.of(sha, sizes(files));
        if (AtomicDirectory.publish(temp, dest)) {
            return recorded(dest, record, files);
        }
        if (Extractor.sameFiles(temp, files, dest)) {
            AtomicDirectory.deleteTree(temp); // the winner's folder is as good as ours
            return recorded(dest, record, files);
        }
        if (indexOf(dest) + 1 >= FOLDER_DIGITS.length) {
            AtomicDirectory.deleteTree(temp);
            throw collision(dest, sha);
        }
        return publish(temp, files, extracted, sha, indexOf(dest) + 1);
    }

    /** Writes the record of {@code dest} unless one exists; one of another blob means a collision. */
    private static ExtractResult recorded(Path dest, ExtractionRecord record, List<ExtractedFile> files)
            throws IOException {
        if (!record.writeIfAbsent(dest)) {
            Optional<ExtractionRecord> existing = ExtractionRecord.read(dest);
            if (existing.isEmpty() || !existing.get().sha256().equals(record.sha256())) {
                throw collision(dest, record.sha256());
            }
        }
        return new ExtractResult(dest, files, Extractor.sum(files));
    }

    private static Map<String, Long> sizes(List<ExtractedFile> files) {
        Map<String, Long> sizes = new TreeMap<>();
        files.forEach(f -> sizes.put(f.path(), f.size()));
        return sizes;
    }

    private static UnsafeArchiveException collision(Path folder, String sha) {
        return new UnsafeArchiveException("extraction folder collision: " + folder + " belongs to another blob "
                + "(recorded in " + ExtractionRecord.pathFor(folder).getFileName() + "), not to sha256 " + sha
                + "; nothing was extracted. Delete that folder and its record to extract this blob.");
    }

    /** The first 8 hex digits (lower case) of the given SHA-256, or of one computed from the blob. */
    static String hash8(Path blob, String sha256) {
        return sha256(blob, sha256).substring(0, 8);
    }

    /** The given SHA-256 in lower case, or one computed from the blob. */
    static String sha256(Path blob, String sha256) {
        if (sha256 != null) {
            if (!HEX.matcher(sha256).matches()) {
                throw new IllegalArgumentException("sha256 must be hex digits: '" + sha256 + "'");
            }
            return sha256.toLowerCase(Locale.ROOT);
        }
        try (InputStream in = Files.newInputStream(blob)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[HASH_BUFFER];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new HfHubException("Could not read " + blob + " to hash it: " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
