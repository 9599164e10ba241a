package io.hfhub.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hfhub.store.BlobName;
import io.hfhub.store.RepoFilePath;
import io.hfhub.text.ServerText;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one page of the Hub's tree API ({@code GET /api/{type}s/{repo}/tree/{rev}?recursive=true}) into the
 * files it lists. Directories and any other entry types are skipped, and fields this client does not use
 * ({@code lastCommit}, {@code securityFileStatus}, {@code lfs.pointerSize}, …) are ignored
 * ({@code xetHash} is kept: it marks a Xet-backed file), so
 * the Hub can add fields without breaking old clients.
 *
 * <p>The body is untrusted: a malformed entry or an unsafe path (see {@link io.hfhub.store.RepoPaths#requireSafe})
 * fails the whole page with an {@link IllegalArgumentException} naming the entry, rather than silently
 * downloading a partial snapshot. Pages are joined by following {@link LinkHeader#next}.
 */
public final class TreeListingParser {
    // ObjectMapper is thread-safe once configured and is never reconfigured after this line.
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TreeListingParser() {}

    /**
     * Parses a tree page given as text.
     *
     * @throws IllegalArgumentException if the text is not a JSON array of tree entries, or an entry is invalid
     */
    public static List<RepoFile> parse(String json) {
        try {
            return parse(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tree listing is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses a tree page read from {@code body} (UTF-8 JSON); the stream is not closed.
     *
     * @throws IOException if reading the stream fails
     * @throws IllegalArgumentException if the body is not a JSON array of tree entries, or an entry is invalid
     */
    public static List<RepoFile> parse(InputStream body) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tree listing is not valid JSON: " + e.getOriginalMessage(), e);
        }
        return parse(root);
    }

    private static List<RepoFile> parse(JsonNode root) {
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("tree listing must be a JSON array");
        }
        List<RepoFile> files = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            if (!entry.isObject()) {
                throw new IllegalArgumentException("tree entry #" + i + " is not an object");
            }
            // Python's list_repo_tree keeps entries with type "file" and skips "directory".
            if ("file".equals(entry.path("type").asText(null))) {
                files.add(toRepoFile(entry, i));
            }
        }
        return files;
    }

    private static RepoFile toRepoFile(JsonNode entry, int index) {
        String path = requireText(entry, "path", index);
        try {
            RepoFilePath.of(path);
            long size = requireSize(entry, "size", index);
            BlobName oid = requireHash(entry, "oid", index);
            JsonNode lfs = entry.get("lfs");
            if (lfs == null || lfs.isNull()) {
                return RepoFile.regular(path, size, oid);
            }
            if (!lfs.isObject()) {
                throw new IllegalArgumentException("tree entry #" + index + ": 'lfs' is not an object");
            }
            // "lfs.oid" is the sha256 of the content, which names the blob (the Hub's X-Linked-Etag).
            return new RepoFile(path, size, oid, requireHash(lfs, "oid", index), requireSize(lfs, "size", index),
                    xetHash(entry));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tree entry #" + index + " ('" + ServerText.escape(ServerText.shorten(path))
                    + "'): " + e.getMessage(), e);
        }
    }

    /** A hash that names a blob: the one field of an entry that becomes a file name in {@code blobs/}. */
    private static BlobName requireHash(JsonNode node, String field, int index) {
        String text = requireText(node, field, index);
        return BlobName.parse(text).orElseThrow(() -> new IllegalArgumentException("tree entry #" + index + ": '" + field
                + "' is not a 40- or 64-hex hash: '" + ServerText.escape(ServerText.shorten(text)) + "'"));
    }

    /** The entry's {@code xetHash} (the file's Xet id); anything but 64 lowercase hex is ignored (plain HTTP). */
    private static String xetHash(JsonNode entry) {
        JsonNode value = entry.get("xetHash");
        return value != null && value.isTextual() && value.asText().matches("[0-9a-f]{64}") ? value.asText() : null;
    }

    private static String requireText(JsonNode node, String field, int index) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("tree entry #" + index + ": '" + field + "' missing or not a string");
        }
        return value.asText();
    }

    private static long requireSize(JsonNode node, String field, int index) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new IllegalArgumentException(
                    "tree entry #" + index + ": '" + field + "' missing or not a non-negative integer");
        }
        return value.asLong();
    }
}
