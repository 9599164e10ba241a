package io.hfhub.testkit.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Xet's content-defined chunking: a Gear rolling hash ({@code h = (h << 1) + TABLE[byte]}), a boundary where the
 * top 16 bits of {@code h} are zero (64 KiB on average), never before 8 KiB, always at 128 KiB, the hash reset at
 * each boundary. The table here is this testkit's own (256 values of a SplitMix64 sequence), so boundaries fall
 * elsewhere than with {@code xet-core}'s table; what a downloading client sees (chunks of 8-128 KiB whose
 * boundaries follow the content, so an edit disturbs only the chunks around it) is the same.
 */
public final class XetChunker {
  /** No boundary before this many bytes. */
  public static final int MIN_CHUNK = 8 * 1024;
  /** A boundary at this many bytes at the latest. */
  public static final int MAX_CHUNK = 128 * 1024;
  private static final long MASK = 0xffff000000000000L;
  private static final long[] TABLE = table();

  private XetChunker() {}

  /** The chunk boundaries of {@code data}: {@code [start, end)} pairs covering it in order. */
  public static List<int[]> chunks(byte[] data) {
    List<int[]> chunks = new ArrayList<>();
    int start = 0;
    long h = 0;
    for (int i = 0; i < data.length; i++) {
      h = (h << 1) + TABLE[data[i] & 0xff];
      int size = i + 1 - start;
      if (size >= MIN_CHUNK && (size >= MAX_CHUNK || (h & MASK) == 0)) {
        chunks.add(new int[] {start, i + 1});
        start = i + 1;
        h = 0;
      }
    }
    if (start < data.length) {
      chunks.add(new int[] {start, data.length});
    }
    return chunks;
  }

  private static long[] table() {
    long[] table = new long[256];
    long x = 0x7865745f67656172L; // any fixed seed: the table only has to look random and never change
    for (int i = 0; i < table.length; i++) {
      x += 0x9E3779B97F4A7C15L;
      long z = x;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      table[i] = z ^ (z >>> 31);
    }
    return table;
  }
}
