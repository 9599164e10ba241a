package io.hfhub.testkit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * How one response is delivered on the wire: normally, or shaped by fault rules (a replacement
 * response, a body cut or stalled after some bytes, a corrupted byte, a rate cap, an ignored Range).
 * Mutable while the rules are applied to it, then only read.
 */
public final class Delivery {
  private HttpResponse replacement;
  private boolean ignoreRange;
  private long cutAfter = -1;
  private long stallAfter = -1;
  private Duration stallFor = Duration.ZERO;
  private long corruptAt = -1;
  private long bytesPerSecond;
  private final List<UnaryOperator<HttpResponse>> edits = new ArrayList<>();
  private UnaryOperator<HttpRequest> requestEdit = UnaryOperator.identity();

  /** A delivery with no fault. */
  public static Delivery normal() {
    return new Delivery();
  }

  /** Answers with this response instead of asking the handler. */
  public Delivery replaceWith(HttpResponse response) {
    this.replacement = response;
    return this;
  }

  /** Hides the request's Range header from the handler. */
  public Delivery ignoreRange() {
    this.ignoreRange = true;
    return this;
  }

  /** Sends at most this many body bytes, then closes the connection. */
  public Delivery cutAfter(long bodyBytes) {
    this.cutAfter = bodyBytes;
    return this;
  }

  /** Sends at most this many body bytes, waits, then closes the connection. */
  public Delivery stallAfter(long bodyBytes, Duration duration) {
    this.stallAfter = bodyBytes;
    this.stallFor = duration;
    return this;
  }

  /** Flips the byte at this absolute offset of the resource if the body covers it. */
  public Delivery corruptAt(long offset) {
    this.corruptAt = offset;
    return this;
  }

  /** Caps the body rate. */
  public Delivery throttle(long bytesPerSecond) {
    this.bytesPerSecond = bytesPerSecond;
    return this;
  }

  /** Changes the response the handler (or a replacement) produced: a lying header or body. */
  public Delivery edit(UnaryOperator<HttpResponse> edit) {
    edits.add(edit);
    return this;
  }

  /** Changes the request before the handler sees it (the server answers another URL than was asked). */
  public Delivery editRequest(UnaryOperator<HttpRequest> edit) {
    UnaryOperator<HttpRequest> before = requestEdit;
    requestEdit = r -> edit.apply(before.apply(r));
    return this;
  }

  /** The request as the handler must see it. */
  public HttpRequest requestForHandler(HttpRequest request) {
    HttpRequest edited = requestEdit.apply(request);
    return ignoreRange ? edited.withoutHeader("Range") : edited;
  }

  /** The response with every edit applied, in the order the rules were added. */
  public HttpResponse edited(HttpResponse response) {
    HttpResponse result = response;
    for (UnaryOperator<HttpResponse> edit : edits) {
      result = edit.apply(result);
    }
    return result;
  }

  /** The replacement response, or null. */
  public HttpResponse replacement() {
    return replacement;
  }

  /** Whether the Range header is hidden from the handler. */
  public boolean rangeIgnored() {
    return ignoreRange;
  }

  /** Body bytes after which the connection is cut, or -1. */
  public long cutAfterBytes() {
    return cutAfter;
  }

  /** Body bytes after which the response stalls, or -1. */
  public long stallAfterBytes() {
    return stallAfter;
  }

  /** How long a stall lasts. */
  public Duration stallDuration() {
    return stallFor;
  }

  /** Absolute offset of the byte to flip, or -1. */
  public long corruptOffset() {
    return corruptAt;
  }

  /** Rate cap in bytes per second, or 0 for none. */
  public long bytesPerSecond() {
    return bytesPerSecond;
  }

  /** Whether the body can be sent as is (zero-copy for files). */
  public boolean isPlain() {
    return cutAfter < 0 && stallAfter < 0 && corruptAt < 0 && bytesPerSecond <= 0;
  }

  /** Whether the connection must be closed after the body, whatever the client asked. */
  public boolean closesConnection() {
    return cutAfter >= 0 || stallAfter >= 0;
  }
}
