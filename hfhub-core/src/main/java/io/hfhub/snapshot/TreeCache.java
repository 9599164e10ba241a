package io.hfhub.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hfhub.store.AtomicFiles;
import io.hfhub.store.BlobName;
import io.hfhub.store.CommitHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The tree listing of a commit cached on disk as {@code <folder>/trees/<commit>.json}, in the format of the Python
 * client's {@code _tree_cache.py} (1.x, since v1.22), so both clients reuse each other's listings:
 *
 * <pre>{@code
 * {
 *  "format_version": 1,
 *  "files": {
 *   "config.json": {
 *    "size": 519,
 *    "blob_id": "<git sha1>"
 *   },
 *   "model.safetensors": {
 *    "size": 1234,
 *    "blob_id": "<git sha1>",
 *    "lfs_sha256": "<sha256>",
 *    "lfs_size": 1234,
 *    "xet_hash": "<64 hex>"
 *   }
 *  }
 * }
 * }</pre>
 *
 * <p>A commit is immutable, so a cached listing never goes stale and needs no invalidation. Files are written the
 * way Python's {@code json.dump(data, f, indent=1)} writes them (paths sorted by code point, non-ASCII escaped, no
 * final newline) via a temporary file in the same folder and an atomic rename, so a reader never sees half a file.
 * Reading never throws: a missing, unreadable or corrupt file, or one with an unknown {@code format_version}
 * (written by a newer client), reads as "not cached" and the caller lists the tree again. The optional
 * {@code xet_hash} (the file's id in the Xet CAS) is kept both ways, so a snapshot answered from this cache still
 * fetches Xet-backed files through Xet (files over the Hub's plain-HTTP limit need it). As in Python, an entry whose
 * {@code xet_hash} is not 64 hex digits makes the whole file "not cached"; upper-case hex is read as lower case.
 *
 * <p>Instances are immutable and thread-safe; concurrent writers of the same commit each rename a complete file.
 */
public final class TreeCache {
    /** The only version this class reads and writes; Python's {@code TREE_CACHE_FORMAT_VERSION}. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path folder;

    /** A cache whose {@code trees/} folder lives in {@code folder}. */
    public TreeCache(Path folder) {
        this.folder = Objects.requireNonNull(folder, "folder");
    }

    /** The cache of a repository in the blob cache: {@code <cache>/models--org--name/trees/}. */
    public static TreeCache inRepoFolder(Path repoFolder) {
        return new TreeCache(repoFolder);
    }

    /** The cache of a {@code local_dir} download: {@code <local_dir>/.cache/huggingface/trees/}. */
    public static TreeCache inLocalDir(Path localDir) {
        return new TreeCache(LocalDirPaths.huggingFaceDir(localDir));
    }

    /**
     * The file holding the listing of {@code commit}.
     *
     * @throws IllegalArgumentException if {@code commit} is not a 40-character lower-case hex commit hash
     */
    public Path fileFor(CommitHash commit) {
        return folder.resolve("trees").resolve(commit.value() + ".json");
    }

    /**
     * The cached listing of {@code commit}, in file order (sorted by path), or empty if there is none usable.
     *
     * @throws IllegalArgumentException only if {@code commit} is not a commit hash
     */
    public Optional<List<RepoFile>> read(CommitHash commit) {
        Path file = fileFor(commit);
        try {
            return parse(MAPPER.readTree(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // Python logs "Ignoring corrupted tree cache file" and re-fetches; an exception here would turn a
            // damaged cache file into a failed download.
            return Optional.empty();
        }
    }

    /**
     * Writes the listing of {@code commit}, replacing any previous file atomically. Python ignores failures here
     * (the cache is an optimisation), and callers may do the same with the exception.
     *
     * @throws IOException if the folder cannot be created or the file cannot be written or renamed
     */
    public void write(CommitHash commit, Collection<RepoFile> files) throws IOException {
        Path file = fileFor(commit);
        Files.createDirectories(file.getParent());
        byte[] bytes = render(files).getBytes(StandardCharsets.US_ASCII);
        AtomicFiles.write(file, bytes);
    }

    private static Optional<List<RepoFile>> parse(JsonNode root) {
        JsonNode version = root.get("format_version");
        // Python compares with `!= 1`, under which 1.0 is also version 1.
        if (version == null || !version.isNumber() || version.doubleValue() != FORMAT_VERSION) {
            return Optional.empty();
        }
        JsonNode files = root.get("files");
        if (files == null || !files.isObject()) {
            return Optional.empty();
        }
        List<RepoFile> result = new ArrayList<>(files.size());
        for (Map.Entry<String, JsonNode> field : files.properties()) {
            Optional<RepoFile> file = toRepoFile(field.getKey(), field.getValue());
            if (file.isEmpty()) {
                return Optional.empty(); // one bad entry makes the whole listing untrustworthy
            }
            result.add(file.get());
        }
        try {
            return Optional.of(List.copyOf(SnapshotPlan.requireConsistent(result)));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // duplicate or colliding paths: list the tree again
        }
    }

    private static Optional<RepoFile> toRepoFile(String path, JsonNode info) {
        if (!info.isObject() || !isLong(info.get("size")) || !isText(info.get("blob_id"))) {
            return Optional.empty();
        }
        JsonNode sha = info.get("lfs_sha256");
        JsonNode lfsSize = info.get("lfs_size");
        JsonNode xet = info.get("xet_hash");
        boolean lfs = sha != null && !sha.isNull();
        boolean xetBacked = xet != null && !xet.isNull();
        if (lfs && (!isText(sha) || !isLong(lfsSize)) || xetBacked && !isText(xet)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RepoFile(path, info.get("size").asLong(), BlobName.of(info.get("blob_id").asText()),
                    lfs ? BlobName.of(sha.asText()) : null, lfs ? lfsSize.asLong() : null,
                    xetBacked ? xet.asText().toLowerCase(Locale.ROOT) : null));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // unsafe path, a hash that is no hash, a negative size or a bad xet_hash: the file is corrupt
        }
    }

    private static boolean isLong(JsonNode node) {
        return node != null && node.isIntegralNumber() && node.canConvertToLong();
    }

    private static boolean isText(JsonNode node) {
        return node != null && node.isTextual();
    }

    /** Python's {@code json.dump(data, f, indent=1)} of the listing, with {@code sorted()} paths. */
    static String render(Collection<RepoFile> files) {
        // A dict keyed by path: a later duplicate replaces an earlier one, as in Python's dict comprehension.
        Map<String, RepoFile> byPath = new TreeMap<>(PythonJson.CODE_POINT_ORDER);
        files.forEach(f -> byPath.put(f.path(), f));
        StringBuilder out = new StringBuilder(64 + byPath.size() * 160);
        out.append("{\n \"format_version\": ").append(FORMAT_VERSION).append(",\n \"files\": {");
        String separator = "\n";
        for (RepoFile f : byPath.values()) {
            out.append(separator).append("  ").append(PythonJson.quote(f.path())).append(": {\n");
            out.append("   \"size\": ").append(f.size()).append(",\n");
            out.append("   \"blob_id\": ").append(PythonJson.quote(f.blobId().value()));
            if (f.isLfs()) {
                out.append(",\n   \"lfs_sha256\": ").append(PythonJson.quote(f.lfsSha256().value()));
                out.append(",\n   \"lfs_size\": ").append(f.lfsSize());
            }
            if (f.xetHash() != null) {
                out.append(",\n   \"xet_hash\": ").append(PythonJson.quote(f.xetHash()));
            }
            out.append("\n  }");
            separator = ",\n";
        }
        out.append(byPath.isEmpty() ? "}" : "\n }");
        return out.append("\n}").toString();
    }
}
