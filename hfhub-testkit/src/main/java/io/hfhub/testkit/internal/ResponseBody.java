package io.hfhub.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The body of a response: a region of a byte array or of a file. A region knows its offset in the
 * whole resource so that faults can address absolute file offsets in range responses.
 */
public sealed interface ResponseBody {

  /** The empty body. */
  ResponseBody EMPTY = new Bytes(new byte[0], 0, 0);

  /** Number of bytes sent. */
  long length();

  /** Offset of the first byte of this region in the whole resource. */
  long start();

  /** A sub-region of this body's resource, {@code start} being absolute in the resource. */
  ResponseBody region(long start, long length);

  /** A whole byte array. */
  static ResponseBody of(byte[] data) {
    return new Bytes(data, 0, data.length);
  }

  /** UTF-8 text. */
  static ResponseBody text(String text) {
    return of(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A region of an in-memory resource. */
  record Bytes(byte[] data, long start, long length) implements ResponseBody {
    @Override
    public ResponseBody region(long start, long length) {
      return new Bytes(data, start, length);
    }
  }

  /** A region of a file on disk, streamed without loading it in memory. */
  record FileRegion(Path file, long start, long length) implements ResponseBody {
    @Override
    public ResponseBody region(long start, long length) {
      return new FileRegion(file, start, length);
    }
  }
}
