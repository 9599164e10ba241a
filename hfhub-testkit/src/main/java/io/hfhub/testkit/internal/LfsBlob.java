package io.hfhub.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * An LFS object: its sha256, size and content (bytes in memory or a file on disk), and the git
 * pointer file that stands for it in the repository.
 *
 * @param sha256 the object id, hex
 * @param size the content size
 * @param file the content on disk, or null
 * @param bytes the content in memory, or null
 */
public record LfsBlob(String sha256, long size, Path file, byte[] bytes) {

  /** An object held in memory. */
  public static LfsBlob of(byte[] content) {
    return new LfsBlob(Hashes.sha256(content), content.length, null, content.clone());
  }

  /** An object backed by a file, hashed once by streaming it. */
  public static LfsBlob of(Path file, long size) {
    return new LfsBlob(Hashes.sha256(file), size, file, null);
  }

  /** The whole content as a response body. */
  public ResponseBody body() {
    return file != null ? new ResponseBody.FileRegion(file, 0, size) : ResponseBody.of(bytes);
  }

  /** The git-lfs pointer file committed in place of the content. */
  public byte[] pointer() {
    return ("version https://git-lfs.github.com/spec/v1\noid sha256:" + sha256 + "\nsize " + size + "\n")
        .getBytes(StandardCharsets.US_ASCII);
  }
}
