package io.hfhub.testkit.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.StandardOpenOption;

/**
 * Writes a response body to a socket, either as fast as possible (zero-copy {@code transferTo} for
 * files, which keeps the CDN far above 1 GB/s on loopback) or shaped by a {@link Delivery}: capped,
 * corrupted, rate-limited.
 */
final class BodyWriter {
  private static final int CHUNK = 256 * 1024;

  private BodyWriter() {}

  /**
   * Writes the body (or the part of it the delivery allows).
   *
   * @return false if the delivery cut the body short, so the connection must be closed
   */
  static boolean write(SocketChannel channel, ResponseBody body, Delivery delivery)
      throws IOException, InterruptedException {
    long limit = body.length();
    boolean truncated = false;
    boolean stall = false;
    if (delivery.cutAfterBytes() >= 0 && delivery.cutAfterBytes() < limit) {
      limit = delivery.cutAfterBytes();
      truncated = true;
    }
    if (delivery.stallAfterBytes() >= 0 && delivery.stallAfterBytes() < limit) {
      limit = delivery.stallAfterBytes();
      truncated = true;
      stall = true;
    }
    if (delivery.isPlain()) {
      writePlain(channel, body, limit);
    } else {
      writeShaped(channel, body, limit, delivery);
    }
    if (stall) {
      Thread.sleep(delivery.stallDuration().toMillis());
    }
    return !truncated;
  }

  private static void writePlain(SocketChannel channel, ResponseBody body, long limit) throws IOException {
    if (body instanceof ResponseBody.Bytes bytes) {
      writeFully(channel, ByteBuffer.wrap(bytes.data(), (int) bytes.start(), (int) limit));
      return;
    }
    ResponseBody.FileRegion region = (ResponseBody.FileRegion) body;
    try (FileChannel file = FileChannel.open(region.file(), StandardOpenOption.READ)) {
      long position = region.start();
      long end = region.start() + limit;
      while (position < end) {
        long sent = file.transferTo(position, end - position, channel);
        if (sent <= 0 && position >= file.size()) {
          throw new IOException("file shrank while being served: " + region.file());
        }
        position += sent;
      }
    }
  }

  private static void writeShaped(SocketChannel channel, ResponseBody body, long limit, Delivery delivery)
      throws IOException, InterruptedException {
    long rate = delivery.bytesPerSecond();
    // Small chunks at low rates keep the pacing smooth: about 50 writes per second.
    int chunk = rate > 0 ? (int) Math.max(4096, Math.min(CHUNK, rate / 50)) : CHUNK;
    ByteBuffer buffer = ByteBuffer.allocate(chunk);
    long startNanos = System.nanoTime();
    try (FileChannel file = body instanceof ResponseBody.FileRegion region
        ? FileChannel.open(region.file(), StandardOpenOption.READ) : null) {
      long sent = 0;
      while (sent < limit) {
        buffer.clear();
        buffer.limit((int) Math.min(chunk, limit - sent));
        fill(buffer, body, file, body.start() + sent);
        buffer.flip();
        long corruptIndex = delivery.corruptOffset() - (body.start() + sent);
        if (delivery.corruptOffset() >= 0 && corruptIndex >= 0 && corruptIndex < buffer.remaining()) {
          int i = (int) corruptIndex;
          buffer.put(i, (byte) ~buffer.get(i));
        }
        int n = buffer.remaining();
        if (rate > 0) {
          // Wait until the end of this chunk is due, so the last byte arrives at length/rate.
          long dueNanos = startNanos + (long) ((sent + n) * 1e9 / rate);
          long waitNanos = dueNanos - System.nanoTime();
          if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
          }
        }
        writeFully(channel, buffer);
        sent += n;
      }
    }
  }

  private static void fill(ByteBuffer buffer, ResponseBody body, FileChannel file, long position)
      throws IOException {
    if (body instanceof ResponseBody.Bytes bytes) {
      buffer.put(bytes.data(), (int) position, buffer.remaining());
      return;
    }
    while (buffer.hasRemaining()) {
      int n = file.read(buffer, position);
      if (n < 0) {
        throw new IOException("file shrank while being served");
      }
      position += n;
    }
  }

  static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }
}
