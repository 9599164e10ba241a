package io.hfhub.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The content hashes the Hub uses: git blob sha1 for regular files, sha256 for LFS objects. */
public final class Hashes {
  /**
   * Hashes of files on disk, keyed by path, size and modification time, so that a benchmark that
   * starts a fresh server per test hashes its GiB file once per JVM, not once per test.
   */
  private static final Map<String, String> FILE_SHA256 = new ConcurrentHashMap<>();

  private Hashes() {}

  /** Git's blob id: {@code sha1("blob " + length + "\0" + bytes)}. */
  public static String gitBlobSha1(byte[] content) {
    MessageDigest sha1 = digest("SHA-1");
    sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
    return hex(sha1.digest(content));
  }

  /** sha1 of a UTF-8 string, hex. */
  public static String sha1(String text) {
    return hex(digest("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** sha256 of bytes, hex. */
  public static String sha256(byte[] content) {
    return hex(digest("SHA-256").digest(content));
  }

  /** sha256 of a file, streamed in 1 MiB reads (never the whole file in memory), hex. */
  public static String sha256(Path file) {
    try {
      String key = file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
      String known = FILE_SHA256.get(key);
      if (known != null) {
        return known;
      }
      MessageDigest sha256 = digest("SHA-256");
      ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        while (channel.read(buffer) >= 0) {
          buffer.flip();
          sha256.update(buffer);
          buffer.clear();
        }
      }
      String hash = hex(sha256.digest());
      FILE_SHA256.put(key, hash);
      return hash;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash " + file, e);
    }
  }

  /** Lower-case hex. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is required by every JDK", e);
    }
  }
}
