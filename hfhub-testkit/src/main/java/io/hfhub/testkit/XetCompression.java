package io.hfhub.testkit;

/**
 * How the testkit's Xet CAS compresses the chunks of the xorbs it forms. Each is one of the three schemes of the
 * xorb format: 0 none, 1 LZ4 (frame format), 2 ByteGrouping4LZ4.
 */
public enum XetCompression {
  /** Chunk {@code i} of a xorb uses scheme {@code i mod 3}: every file of three chunks or more exercises all three. */
  ROTATE,
  /** Every chunk stored as is. */
  NONE,
  /** Every chunk LZ4-compressed. */
  LZ4,
  /** Every chunk byte-grouped by 4, then LZ4-compressed. */
  BG4_LZ4;

  /** The scheme byte for chunk {@code index} of a xorb. */
  public int schemeFor(int index) {
    return switch (this) {
      case ROTATE -> index % 3;
      case NONE -> 0;
      case LZ4 -> 1;
      case BG4_LZ4 -> 2;
    };
  }
}
