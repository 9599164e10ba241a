package io.hfhub.extract;

import io.hfhub.ArchiveFormat;
import io.hfhub.ExtractOptions;
import io.hfhub.HfHubException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The download integration: extracts a published cache blob into {@code <repo folder>/extracted/<hash8>/},
 * where {@code hash8} is the first 8 hex digits of the blob's SHA-256. The folder is content-addressed, so
 * an existing one is complete (it appeared by atomic rename) and is returned without work; revisions
 * sharing a blob share its folder.
 */
public final class CacheExtraction {
    /** The folder of a repository's cache entry that holds extracted archives (hfhub's own; Python ignores it). */
    public static final String EXTRACTED_FOLDER = "extracted";
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{8,}");
    private static final int HASH_BUFFER = 256 * 1024;

    private CacheExtraction() {}

    /**
     * If {@code blob} is an archive (detected with {@code repoFileName} as hint), extracts it into
     * {@code repoFolder/extracted/<first 8 hex of the blob's sha256>/} and returns that folder (idempotent: an
     * existing folder is returned with no work); otherwise returns {@code blob} unchanged. {@code sha256} may
     * be null (then it is computed, streaming, from the blob); for LFS files the caller passes the known one.
     */
    public static Path extractBlob(Path blob, String repoFileName, String sha256, Path repoFolder,
                                   ExtractOptions options) {
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(repoFolder, "repoFolder");
        Objects.requireNonNull(options, "options");
        Path dest = repoFolder.resolve(EXTRACTED_FOLDER).resolve(hash8(blob, sha256));
        if (Files.isDirectory(dest)) {
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
        return Extractor.extract(blob, format, repoFileName, dest, options, true).directory();
    }

    /** The first 8 hex digits (lower case) of the given SHA-256, or of one computed from the blob. */
    static String hash8(Path blob, String sha256) {
        if (sha256 != null) {
            if (!HEX.matcher(sha256).matches()) {
                throw new IllegalArgumentException("sha256 must be hex digits: '" + sha256 + "'");
            }
            return sha256.substring(0, 8).toLowerCase(Locale.ROOT);
        }
        try (InputStream in = Files.newInputStream(blob)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[HASH_BUFFER];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 8);
        } catch (IOException e) {
            throw new HfHubException("Could not read " + blob + " to hash it: " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
