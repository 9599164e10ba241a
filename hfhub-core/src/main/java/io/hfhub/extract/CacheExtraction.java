package io.hfhub.extract;

import io.hfhub.ArchiveFormat;
import io.hfhub.ExtractOptions;
import io.hfhub.HfHubException;
import io.hfhub.UnsafeArchiveException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The download integration: extracts a published cache blob into {@code <repo folder>/extracted/<hash8>/},
 * where {@code hash8} is the first 8 hex digits of the blob's SHA-256. The folder is content-addressed, so
 * an existing one is complete (it appeared by atomic rename) and is returned without work; revisions
 * sharing a blob share its folder.
 *
 * <p>8 hex digits can collide, so the full SHA-256 that owns a folder is recorded beside it, in
 * {@code extracted/<hash8>.sha256}, before extraction starts (a file beside the folder, so the extracted
 * tree holds only the archive's entries). A folder is reused only when that record matches. A blob whose
 * 8-digit folder belongs to another blob, or exists without a record (made before records existed, so
 * unverifiable), is extracted into {@code extracted/<first 16 hex>/} instead, checked the same way; should
 * that collide too, {@link UnsafeArchiveException}. Never is another blob's tree returned.
 */
public final class CacheExtraction {
    /** The folder of a repository's cache entry that holds extracted archives (hfhub's own; Python ignores it). */
    public static final String EXTRACTED_FOLDER = "extracted";
    /** The record of the SHA-256 owning {@code extracted/<name>/} is {@code extracted/<name>.sha256}. */
    static final String OWNER_SUFFIX = ".sha256";
    /** Folder name lengths tried in turn: the documented 8 hex digits, then 16 on a collision. */
    private static final int[] FOLDER_DIGITS = {8, 16};
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{8,}");
    private static final int HASH_BUFFER = 256 * 1024;

    private CacheExtraction() {}

    /**
     * If {@code blob} is an archive (detected with {@code repoFileName} as hint), extracts it into
     * {@code repoFolder/extracted/<first 8 hex of the blob's sha256>/} and returns that folder (idempotent: an
     * existing folder of the same sha256 is returned with no work); otherwise returns {@code blob} unchanged.
     * {@code sha256} may be null (then it is computed, streaming, from the blob); for LFS files the caller
     * passes the known one. See the class comment for what happens when 8 hex digits collide.
     */
    public static Path extractBlob(Path blob, String repoFileName, String sha256, Path repoFolder,
                                   ExtractOptions options) {
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(repoFolder, "repoFolder");
        Objects.requireNonNull(options, "options");
        String sha = sha256(blob, sha256);
        Path dest = folderFor(repoFolder.resolve(EXTRACTED_FOLDER), sha);
        if (Files.isDirectory(dest) && sha.equals(owner(dest))) {
            return dest;
        }
        ArchiveFormat format;
        try {
            format = FormatDetector.detect(blob, repoFileName);
        } catch (IOException e) {
            throw new HfHubException("Could not read " + blob + " to detect its archive format: " + e, e);
        }
        if (format == ArchiveFormat.NONE) {
            return blob;
        }
        claim(dest, sha);
        return Extractor.extract(blob, format, repoFileName, dest, options, true).directory();
    }

    /** The first folder name (8, then 16 hex digits) that is free or already owned by {@code sha}. */
    private static Path folderFor(Path extracted, String sha) {
        for (int digits : FOLDER_DIGITS) {
            if (sha.length() < digits) {
                break;
            }
            Path folder = extracted.resolve(sha.substring(0, digits));
            String owner = owner(folder);
            if (owner == null ? !Files.exists(folder, LinkOption.NOFOLLOW_LINKS) : owner.equals(sha)) {
                return folder;
            }
        }
        throw collision(extracted.resolve(sha.substring(0, 8)), sha);
    }

    /** Records {@code sha} as the owner of {@code folder}, unless a concurrent extraction already did. */
    private static void claim(Path folder, String sha) {
        Path record = ownerRecord(folder);
        Path temp = record.resolveSibling("." + record.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
        try {
            Files.createDirectories(record.getParent());
            // Written whole under a private name, then linked into place: readers never see a half-written
            // record, and link() fails if one exists, so of two blobs racing for a name exactly one wins.
            Files.write(temp, sha.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            try {
                Files.createLink(record, temp);
            } catch (UnsupportedOperationException | FileSystemException e) {
                if (e instanceof FileAlreadyExistsException exists) {
                    throw exists;
                }
                Files.move(temp, record); // no hard links here: not atomic, but still never replaces a record
            }
        } catch (FileAlreadyExistsException e) {
            if (!sha.equals(owner(folder))) {
                throw collision(folder, sha);
            }
        } catch (IOException e) {
            throw new HfHubException("Could not write " + record + ": " + e, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // a stray hidden temporary file is harmless
            }
        }
    }

    /** The SHA-256 recorded as owning {@code folder}, or null when there is no record. */
    private static String owner(Path folder) {
        try {
            return Files.readString(ownerRecord(folder), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return null;
        }
    }

    private static Path ownerRecord(Path folder) {
        return folder.resolveSibling(folder.getFileName() + OWNER_SUFFIX);
    }

    private static UnsafeArchiveException collision(Path folder, String sha) {
        return new UnsafeArchiveException("extraction folder collision: " + folder + " belongs to another blob "
                + "(recorded in " + ownerRecord(folder).getFileName() + "), not to sha256 " + sha
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
