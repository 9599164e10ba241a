package io.hfhub.snapshot;

import io.hfhub.store.AtomicFiles;
import io.hfhub.store.BlobName;
import io.hfhub.store.CommitHash;
import io.hfhub.store.Folders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
/**
 * Reads and writes the per-file metadata of a {@code local_dir} download in the Python client's format
 * ({@code _local_folder.py}), and decides whether a file already in the folder can be kept. Files are laid out by
 * {@link LocalDirPaths}.
 *
 * <p>Metadata is trusted only while the file has not been touched since it was recorded: it is valid when the
 * file's mtime minus one second is not later than the recorded timestamp (the second absorbs coarse file-system
 * clocks). Otherwise the caller must fall back to comparing content.
 *
 * <p>Writes go through a temporary file and an atomic rename, so a concurrent reader (in this or a Python process)
 * sees the old or the new metadata, never a mix. Python guards these files with {@code download/<path>.lock}; this
 * class does not lock, because a Java {@code FileLock} (fcntl) does not exclude Python's {@code flock} anyway and
 * the rename already makes each write indivisible. Callers that download take the lock at {@link LocalDirPaths#lock}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class LocalDirMetadata {
    /** Written once into {@code .cache/huggingface/} so backup tools skip it (Python 1.x, since v1.9). */
    static final String CACHEDIR_TAG_CONTENT = "Signature: 8a477f597d28d172789f06886806bc55\n"
            + "# This file is a cache directory tag created by huggingface_hub.\n"
            + "# For information about cache directory tags, see:\n"
            + "#\thttps://bford.info/cachedir/\n";

    /** The float syntax Python's {@code float()} accepts, minus exotic forms no client writes. */
    private static final Pattern PYTHON_FLOAT = Pattern.compile(
            "[+-]?(?:(?:\\d+(?:_\\d+)*)?\\.?\\d+(?:_\\d+)*|\\d+(?:_\\d+)*\\.)(?:[eE][+-]?\\d+(?:_\\d+)*)?");
    private static final Pattern PYTHON_SPECIAL = Pattern.compile("[+-]?(?i:inf|infinity|nan)");

    private final Clock clock;

    /** Uses {@code clock} for the timestamps it writes (tests inject a fixed clock). */
    public LocalDirMetadata(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An instance on the system clock. */
    public static LocalDirMetadata systemClock() {
        return new LocalDirMetadata(Clock.systemUTC());
    }

    /**
     * The metadata of {@code repoPath} if present, well-formed and still valid for the file on disk. A corrupt
     * metadata file is deleted, as Python does, so it is not parsed again; a stale one is left in place.
     */
    public Optional<DownloadMetadata> read(Path localDir, String repoPath) {
        LocalDirPaths paths = new LocalDirPaths(localDir, repoPath);
        Optional<DownloadMetadata> recorded;
        try {
            recorded = parse(Files.readAllBytes(paths.metadata()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            recorded = Optional.empty();
        }
        if (recorded.isEmpty()) {
            deleteQuietly(paths.metadata());
            return Optional.empty();
        }
        try {
            double mtime = seconds(Files.getLastModifiedTime(paths.file()));
            // Python: `stat.st_mtime - 1 <= metadata.timestamp`, computed in doubles like here.
            return mtime - 1 <= recorded.get().timestamp() ? recorded : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // no file: the metadata describes nothing
        }
    }

    /**
     * Records that the file of {@code repoPath} now holds {@code etag} at {@code commitHash}. Call it after the file
     * is in place, so that the timestamp is not older than the file's mtime. Also creates
     * {@code .cache/huggingface/} with its {@code .gitignore} ({@code *}) and {@code CACHEDIR.TAG} if missing.
     *
     * @return the metadata written
     */
    public DownloadMetadata write(Path localDir, String repoPath, CommitHash commitHash, BlobName etag) throws IOException {
        LocalDirPaths paths = new LocalDirPaths(localDir, repoPath);
        ensureHuggingFaceDir(localDir);
        DownloadMetadata metadata = new DownloadMetadata(commitHash.value(), etag.value(), seconds(clock.instant()));
        Folders.ensure(paths.metadata().getParent());
        AtomicFiles.write(paths.metadata(), metadata.toFileContent().getBytes(StandardCharsets.UTF_8));
        return metadata;
    }

    /**
     * Python's shortcut for a commit-hash revision: the file exists and its valid metadata names {@code commitHash},
     * so it is returned without asking the Hub anything.
     */
    public boolean isAtCommit(Path localDir, String repoPath, CommitHash commitHash) {
        LocalDirPaths paths = new LocalDirPaths(localDir, repoPath);
        return Files.isRegularFile(paths.file())
                && read(localDir, repoPath).map(m -> m.commitHash().equals(commitHash.value())).orElse(false);
    }

    /**
     * Whether the file already at {@code local_dir/<repoPath>} is the Hub's current version (ETag {@code etag} at
     * {@code commitHash}) and can be kept, following Python's {@code _hf_hub_download_to_local_dir}:
     * <ol>
     *   <li>no regular file there: not up to date;</li>
     *   <li>valid metadata with the same ETag: up to date (the metadata is rewritten with {@code commitHash});</li>
     *   <li>no valid metadata and {@code etag} is a sha256 (an LFS file): the file is hashed; if it matches, the
     *       metadata is written and the file kept. This adopts files copied in by hand without re-downloading
     *       gigabytes. Regular files are small, so they are simply downloaded again;</li>
     *   <li>otherwise not up to date.</li>
     * </ol>
     *
     * @throws IOException if the file cannot be hashed or the metadata cannot be written
     */
    public boolean isUpToDate(Path localDir, String repoPath, CommitHash commitHash, BlobName etag) throws IOException {
        Objects.requireNonNull(commitHash, "commitHash");
        boolean keep = matches(localDir, repoPath, etag);
        if (keep) {
            write(localDir, repoPath, commitHash, etag);
        }
        return keep;
    }

    /**
     * The read-only half of {@link #isUpToDate}: whether the file holds {@code etag} (steps 1 to 4), writing nothing.
     *
     * @param localDir the download's target folder
     * @param repoPath the file's path in the repository
     * @param etag     the version the Hub names
     * @return whether the file there is that version
     * @throws IOException if the file cannot be hashed
     */
    public boolean matches(Path localDir, String repoPath, BlobName etag) throws IOException {
        Objects.requireNonNull(etag, "etag");
        LocalDirPaths paths = new LocalDirPaths(localDir, repoPath);
        if (!Files.isRegularFile(paths.file())) {
            return false;
        }
        Optional<DownloadMetadata> metadata = read(localDir, repoPath);
        return metadata.isPresent()
                ? metadata.get().etag().equals(etag.value())
                : etag.isSha256() && sha256Hex(paths.file()).equals(etag.value());
    }

    /** Creates {@code local_dir/.cache/huggingface/} with {@code .gitignore} and {@code CACHEDIR.TAG} if absent. */
    public static Path ensureHuggingFaceDir(Path localDir) throws IOException {
        Path dir = LocalDirPaths.huggingFaceDir(localDir);
        Folders.ensure(dir);
        createIfAbsent(dir.resolve("CACHEDIR.TAG"), CACHEDIR_TAG_CONTENT);
        createIfAbsent(dir.resolve(".gitignore"), "*"); // Python writes a lone "*", no newline
        return dir;
    }

    /** Parses the three lines as Python does: universal newlines, each line stripped, then {@code float()}. */
    static Optional<DownloadMetadata> parse(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
        String[] lines = text.split("\r\n|\r|\n", 4);
        if (lines.length < 3) {
            return Optional.empty();
        }
        String timestamp = lines[2].strip();
        if (!PYTHON_FLOAT.matcher(timestamp).matches() && !PYTHON_SPECIAL.matcher(timestamp).matches()) {
            return Optional.empty();
        }
        try {
            double seconds = Double.parseDouble(timestamp.replace("_", "")
                    .replaceAll("(?i)^([+-]?)inf(inity)?$", "$1Infinity").replaceAll("(?i)^[+-]?nan$", "NaN"));
            return Optional.of(new DownloadMetadata(lines[0].strip(), lines[1].strip(), seconds));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // also empty commit or etag lines, which Python would keep but never match
        }
    }

    static String sha256Hex(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static double seconds(FileTime time) {
        return seconds(time.toInstant());
    }

    /** Like Python's {@code st_mtime} and {@code time.time()}: seconds plus nanoseconds as one double. */
    private static double seconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() * 1e-9;
    }

    private static void createIfAbsent(Path file, String content) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            // Another writer created it first; its content is the same.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Python only logs this too; the next read will try again.
        }
    }
}

