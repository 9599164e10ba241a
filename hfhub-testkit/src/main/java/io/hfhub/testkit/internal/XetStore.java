package io.hfhub.testkit.internal;

import io.hfhub.testkit.XetCompression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jpountz.lz4.LZ4FrameOutputStream;

/**
 * The content of the testkit's Xet CAS: files cut into chunks ({@link XetChunker}), new chunks packed into xorbs in
 * the xorb format (8-byte chunk headers, the chunks compressed by the configured {@link XetCompression}), chunks
 * already stored reused (deduplication across files and revisions), and each file kept as its terms: runs of
 * consecutive chunks of one xorb.
 *
 * <p>Ids are 64 lowercase hex like Xet's, but derived with SHA-256 (chunk: of its bytes; xorb: of its chunk ids;
 * file: of {@code "file"} and its chunk ids) where {@code xet-core} uses keyed BLAKE3 Merkle hashes: a downloading
 * client treats them as opaque names. Thread-safe.
 */
public final class XetStore {
  /** The xorb format caps a serialized xorb at 64 MiB; xet-core fills xorbs up to about that. */
  static final long MAX_XORB_BYTES = 64L << 20;

  /**
   * A serialized xorb.
   *
   * @param offsets byte offset of each chunk's header, plus the total length at the end; null for a raw xorb a test
   *     put as is
   */
  public record Xorb(String hash, byte[] bytes, long[] offsets) {
    /** The inclusive byte range of chunks {@code [start, end)}. */
    public long[] byteRange(int start, int end) {
      return new long[] {offsets[start], offsets[end] - 1};
    }
  }

  /** Chunks {@code [start, end)} of a xorb, {@code length} bytes once decoded. */
  public record Term(String xorb, int start, int end, long length) {}

  /** A file stored in the CAS. */
  public record XetFile(String fileHash, String sha256, long size, List<Term> terms) {}

  private record ChunkRef(String xorb, int index, int length) {}

  private final Map<String, Xorb> xorbs = new HashMap<>();
  private final Map<String, XetFile> bySha256 = new HashMap<>();
  private final Map<String, XetFile> byHash = new HashMap<>();
  private final Map<String, ChunkRef> chunks = new HashMap<>();
  private volatile XetCompression compression = XetCompression.ROTATE;

  /** Sets how chunks of xorbs formed from now on are compressed. */
  public void compression(XetCompression compression) {
    this.compression = compression;
  }

  /** Stores {@code content} (whose sha256 is {@code sha256}), reusing every chunk already stored. */
  public synchronized XetFile add(String sha256, byte[] content) {
    XetFile known = bySha256.get(sha256);
    if (known != null) {
      return known;
    }
    List<ChunkRef> refs = new ArrayList<>();
    MessageDigest fileId = sha256Digest();
    fileId.update("file".getBytes(StandardCharsets.US_ASCII));
    XorbBuilder pending = new XorbBuilder(compression);
    List<Integer> pendingAt = new ArrayList<>();
    for (int[] c : XetChunker.chunks(content)) {
      byte[] chunk = java.util.Arrays.copyOfRange(content, c[0], c[1]);
      String id = Hashes.sha256(chunk);
      fileId.update(id.getBytes(StandardCharsets.US_ASCII));
      ChunkRef ref = chunks.get(id);
      if (ref == null && pending.contains(id)) {
        ref = new ChunkRef(null, pending.indexOf(id), chunk.length);
      } else if (ref == null) {
        if (pending.serializedSize() + chunk.length + 8 > MAX_XORB_BYTES) {
          seal(pending, refs, pendingAt);
          pending = new XorbBuilder(compression);
          pendingAt = new ArrayList<>();
        }
        ref = new ChunkRef(null, pending.add(id, chunk), chunk.length);
      }
      if (ref.xorb() == null) {
        pendingAt.add(refs.size());
      }
      refs.add(ref);
    }
    seal(pending, refs, pendingAt);
    XetFile file = new XetFile(Hashes.hex(fileId.digest()), sha256, content.length, terms(refs));
    bySha256.put(sha256, file);
    byHash.put(file.fileHash(), file);
    return file;
  }

  /** Serializes the pending xorb and points the references made to it at its hash. */
  private void seal(XorbBuilder pending, List<ChunkRef> refs, List<Integer> pendingAt) {
    if (pending.isEmpty()) {
      return;
    }
    Xorb xorb = pending.build();
    xorbs.put(xorb.hash(), xorb);
    for (int at : pendingAt) {
      ChunkRef ref = refs.get(at);
      refs.set(at, new ChunkRef(xorb.hash(), ref.index(), ref.length()));
    }
    for (int i = 0; i < pending.ids.size(); i++) {
      chunks.putIfAbsent(pending.ids.get(i), new ChunkRef(xorb.hash(), i, pending.lengths.get(i)));
    }
  }

  /** Consecutive chunks of one xorb become one term. */
  private static List<Term> terms(List<ChunkRef> refs) {
    List<Term> terms = new ArrayList<>();
    int i = 0;
    while (i < refs.size()) {
      ChunkRef first = refs.get(i);
      long length = first.length();
      int j = i + 1;
      while (j < refs.size() && refs.get(j).xorb().equals(first.xorb())
          && refs.get(j).index() == first.index() + (j - i)) {
        length += refs.get(j).length();
        j++;
      }
      terms.add(new Term(first.xorb(), first.index(), first.index() + (j - i), length));
      i = j;
    }
    return terms;
  }

  /** Adds bytes as a xorb as they are (a test's hand-made, possibly hostile, xorb); returns its hash. */
  public synchronized String putRaw(byte[] bytes) {
    String hash = Hashes.sha256(bytes);
    xorbs.put(hash, new Xorb(hash, bytes.clone(), null));
    return hash;
  }

  public synchronized Xorb xorb(String hash) {
    return xorbs.get(hash);
  }

  public synchronized XetFile bySha256(String sha256) {
    return bySha256.get(sha256);
  }

  public synchronized XetFile byHash(String fileHash) {
    return byHash.get(fileHash);
  }

  /** Serialized bytes of all xorbs stored. */
  public synchronized long storedBytes() {
    return xorbs.values().stream().mapToLong(x -> x.bytes().length).sum();
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }

  /** A xorb being filled: chunk ids, and the serialized chunks so far. */
  private static final class XorbBuilder {
    private final XetCompression compression;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<Long> offsets = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

    XorbBuilder(XetCompression compression) {
      this.compression = compression;
    }

    boolean contains(String id) {
      return index.containsKey(id);
    }

    int indexOf(String id) {
      return index.get(id);
    }

    boolean isEmpty() {
      return ids.isEmpty();
    }

    long serializedSize() {
      return out.size();
    }

    int add(String id, byte[] chunk) {
      int at = ids.size();
      offsets.add((long) out.size());
      int scheme = compression.schemeFor(at);
      byte[] body = compress(scheme, chunk);
      out.write(0); // version
      writeLe24(body.length);
      out.write(scheme);
      writeLe24(chunk.length);
      out.writeBytes(body);
      ids.add(id);
      lengths.add(chunk.length);
      index.put(id, at);
      return at;
    }

    Xorb build() {
      MessageDigest digest = sha256Digest();
      ids.forEach(id -> digest.update(id.getBytes(StandardCharsets.US_ASCII)));
      long[] at = new long[offsets.size() + 1];
      for (int i = 0; i < offsets.size(); i++) {
        at[i] = offsets.get(i);
      }
      at[offsets.size()] = out.size();
      return new Xorb(Hashes.hex(digest.digest()), out.toByteArray(), at);
    }

    private void writeLe24(int value) {
      out.write(value & 0xff);
      out.write((value >>> 8) & 0xff);
      out.write((value >>> 16) & 0xff);
    }
  }

  /** The chunk's bytes in {@code scheme}: 0 as is, 1 an LZ4 frame, 2 grouped by byte position then an LZ4 frame. */
  static byte[] compress(int scheme, byte[] chunk) {
    if (scheme == 0) {
      return chunk;
    }
    byte[] input = scheme == 2 ? group4(chunk) : chunk;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    // lz4-java; hfhub's unit tests encode with Commons Compress, so two implementations of the frame format meet
    try (LZ4FrameOutputStream lz4 = new LZ4FrameOutputStream(buffer, LZ4FrameOutputStream.BLOCKSIZE.SIZE_256KB)) {
      lz4.write(input);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }

  /** Group {@code k} holds the bytes at positions {@code k mod 4}; the groups follow each other. */
  static byte[] group4(byte[] data) {
    byte[] out = new byte[data.length];
    int to = 0;
    for (int k = 0; k < 4; k++) {
      for (int i = k; i < data.length; i += 4) {
        out[to++] = data[i];
      }
    }
    return out;
  }
}
