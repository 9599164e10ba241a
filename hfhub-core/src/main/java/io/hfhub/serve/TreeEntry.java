package io.hfhub.serve;

import io.hfhub.store.BlobHash;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One item of a tree listing, in the Hub's JSON shape ({@code /api/{type}s/{repo}/tree/{rev}}).
 *
 * @param type "file" or "directory"
 * @param path the path in the repository
 * @param oid  the file's etag; for a folder a stable stand-in (the cache keeps no git tree ids)
 * @param size the file's size, 0 for a folder
 * @param lfs  whether the file is an LFS file (64-hex etag)
 */
record TreeEntry(String type, String path, String oid, long size, boolean lfs) {

    static TreeEntry file(ServedFile file) {
        return new TreeEntry("file", file.path(), file.etag(), file.size(), file.isLfs());
    }

    static TreeEntry directory(String path, String commit) {
        // The Python client requires an "oid" on folders but never uses it for downloads.
        String oid = BlobHash.GIT_SHA1.of(("tree " + commit + "/" + path).getBytes(StandardCharsets.UTF_8));
        return new TreeEntry("directory", path, oid, 0, false);
    }

    /** The JSON object the Hub sends for this entry. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type);
        json.put("oid", oid);
        json.put("size", size);
        json.put("path", path);
        if (lfs) {
            // The Python client's RepoFile reads lfs.oid, lfs.size and lfs.pointerSize.
            json.put("lfs", Map.of("oid", oid, "size", size, "pointerSize", lfsPointerSize(oid, size)));
        }
        return json;
    }

    /** The repo info's sibling for this file ({@code ?blobs=true}): name, size, blob id and LFS info. */
    Map<String, Object> toSibling() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rfilename", path);
        json.put("size", size);
        json.put("blobId", oid);
        if (lfs) {
            json.put("lfs", Map.of("sha256", oid, "size", size, "pointerSize", lfsPointerSize(oid, size)));
        }
        return json;
    }

    /** The size of the git-lfs pointer file that stands for this content in git. */
    private static int lfsPointerSize(String sha256, long size) {
        return ("version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256 + "\nsize " + size + "\n").length();
    }
}
