package io.hfhub.testkit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The entries of the tree API ({@code /api/models/{id}/tree/{rev}/{path}}): files with their git
 * oid and size (plus an {@code lfs} object for LFS files) and directories, one level or recursive,
 * sorted by path.
 */
final class TreeListing {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TreeListing() {}

  /**
   * Lists a directory of a commit.
   *
   * @param dir the directory, "" for the root, without leading or trailing slash
   * @return the entries, or null if {@code dir} is not a directory of that commit
   */
  static List<ObjectNode> list(Snapshot snapshot, String dir, boolean recursive) {
    String prefix = dir.isEmpty() ? "" : dir + "/";
    Map<String, ObjectNode> entries = new TreeMap<>();
    for (Map.Entry<String, RepoEntry> file : snapshot.files().tailMap(prefix, true).entrySet()) {
      if (!file.getKey().startsWith(prefix)) {
        break;
      }
      String[] parts = file.getKey().substring(prefix.length()).split("/");
      StringBuilder path = new StringBuilder(prefix);
      for (int depth = 0; depth < parts.length - 1 && (recursive || depth == 0); depth++) {
        path.append(parts[depth]);
        String dirPath = path.toString();
        entries.computeIfAbsent(dirPath, p -> directory(snapshot, p));
        path.append('/');
      }
      if (recursive || parts.length == 1) {
        entries.put(file.getKey(), file(file.getValue()));
      }
    }
    if (!dir.isEmpty() && entries.isEmpty()) {
      return null;
    }
    return new ArrayList<>(entries.values());
  }

  private static ObjectNode directory(Snapshot snapshot, String path) {
    // Directories get a stable pseudo tree id; clients never check it.
    return JSON.createObjectNode()
        .put("type", "directory")
        .put("oid", Hashes.sha1("tree\n" + snapshot.commit() + "\n" + path))
        .put("size", 0)
        .put("path", path);
  }

  private static ObjectNode file(RepoEntry entry) {
    ObjectNode node = JSON.createObjectNode()
        .put("type", "file")
        .put("oid", entry.gitOid())
        .put("size", entry.size())
        .put("path", entry.path());
    if (entry.isLfs()) {
      node.putObject("lfs")
          .put("oid", entry.lfs().sha256())
          .put("size", entry.size())
          .put("pointerSize", entry.lfs().pointer().length);
    }
    return node;
  }
}
