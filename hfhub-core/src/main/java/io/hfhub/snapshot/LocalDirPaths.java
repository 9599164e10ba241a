package io.hfhub.snapshot;

import io.hfhub.store.BlobName;
import io.hfhub.store.RepoPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * Where a {@code local_dir} download keeps one file and its bookkeeping, exactly as the Python client's
 * {@code get_local_download_paths} lays them out (paths only, nothing is touched on disk):
 *
 * <pre>
 * local_dir/sub/file.bin                                          the file itself
 * local_dir/.cache/huggingface/download/sub/file.bin.metadata    commit, etag, timestamp
 * local_dir/.cache/huggingface/download/sub/file.bin.lock        lock guarding the two above
 * local_dir/.cache/huggingface/download/sub/&lt;h&gt;.&lt;etag&gt;.incomplete  partial download
 * </pre>
 *
 * where {@code <h>} is the URL-safe base64 (with padding) of the SHA-1 of {@code "file.bin.metadata"}: a short,
 * fixed-length name that cannot collide with the metadata of another file in the same folder.
 *
 * @param localDir the download's target folder
 * @param repoPath the file's path in the repository; must pass {@link RepoPaths#requireSafe}
 */
public record LocalDirPaths(Path localDir, String repoPath) {

    /** Validates the arguments; an unsafe {@code repoPath} throws {@link IllegalArgumentException}. */
    public LocalDirPaths {
        Objects.requireNonNull(localDir, "localDir");
        RepoPaths.requireSafe(repoPath);
    }

    /** {@code local_dir/.cache/huggingface}: holds {@code .gitignore}, {@code CACHEDIR.TAG}, {@code download/}, {@code trees/}. */
    public static Path huggingFaceDir(Path localDir) {
        return localDir.resolve(".cache").resolve("huggingface");
    }

    /** Where the file itself is placed. */
    public Path file() {
        return resolveSegments(localDir, repoPath);
    }

    /** {@code .cache/huggingface/download/<path>.metadata}. */
    public Path metadata() {
        return resolveSegments(huggingFaceDir(localDir).resolve("download"), repoPath + ".metadata");
    }

    /** {@code .cache/huggingface/download/<path>.lock} (Python: {@code metadata_path.with_suffix(".lock")}). */
    public Path lock() {
        return resolveSegments(huggingFaceDir(localDir).resolve("download"), repoPath + ".lock");
    }

    /**
     * Python's partial-download name for this file and {@code etag}: {@code <h>.<etag>.incomplete} next to the
     * metadata file. Python 1.x (since v1.18) actually writes {@code <h>.<etag>.<8 hex>.incomplete}, one per
     * download; see {@link #incomplete(BlobName, String)}.
     */
    public Path incomplete(BlobName etag) {
        return metadata().resolveSibling(shortHash(metadata().getFileName().toString()) + "." + etag.value() + ".incomplete");
    }

    /** {@code <h>.<etag>.<unique>.incomplete}: a partial file owned by a single writer, as Python 1.x names it. */
    public Path incomplete(BlobName etag, String unique) {
        return metadata().resolveSibling(shortHash(metadata().getFileName().toString()) + "." + etag.value() + "."
                + requireFileNamePart(unique, "unique") + ".incomplete");
    }

    /** Python's {@code _short_hash}: {@code urlsafe_b64encode(sha1(name.encode()))}, padding kept. */
    static String shortHash(String fileName) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(fileName.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    }

    private static Path resolveSegments(Path base, String slashSeparated) {
        Path result = base;
        for (String segment : slashSeparated.split("/")) {
            result = result.resolve(segment);
        }
        return result;
    }

    private static String requireFileNamePart(String value, String what) {
        if (value == null || value.isEmpty() || !value.chars().allMatch(c -> c >= 0x21 && c < 0x7f
                && c != '/' && c != '\\' && c != ':' && c != '"' && c != '*' && c != '?' && c != '<' && c != '>'
                && c != '|')) {
            throw new IllegalArgumentException(what + " '" + value + "' cannot be part of a file name");
        }
        return value;
    }
}
