package io.hfhub.testkit.internal;

/**
 * A file in a commit: a regular git file (content in memory) or an LFS pointer to a {@link LfsBlob}.
 *
 * @param path the path in the repository, {@code /}-separated
 * @param size the size of the file's content (for LFS: of the object, not the pointer)
 * @param gitOid the git blob id: of the content, or for LFS of the pointer file
 * @param content the content of a regular file, or null for LFS
 * @param lfs the LFS object, or null for a regular file
 */
public record RepoEntry(String path, long size, String gitOid, byte[] content, LfsBlob lfs) {

  /** A regular git file. */
  public static RepoEntry regular(String path, byte[] content) {
    byte[] copy = content.clone();
    return new RepoEntry(path, copy.length, Hashes.gitBlobSha1(copy), copy, null);
  }

  /** An LFS file. */
  public static RepoEntry lfs(String path, LfsBlob blob) {
    return new RepoEntry(path, blob.size(), Hashes.gitBlobSha1(blob.pointer()), null, blob);
  }

  /** Whether this file is stored in LFS. */
  public boolean isLfs() {
    return lfs != null;
  }
}
