package io.hfhub.testkit;

import io.hfhub.testkit.internal.UrlSigner;
import io.hfhub.testkit.internal.XetCasState;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The Xet side of a {@link HubServer}: files added with {@link RepoBuilder#xetFile} are stored in its
 * CAS (real content-defined chunking, the xorb and chunk formats, the three compression schemes),
 * served through read tokens from the Hub, reconstructions from the CAS server ({@code "cas"} in
 * {@link HubServer#requests(String)}) and presigned, range-only xorb URLs on the CDN, which expire
 * with {@link Faults#expireCdnUrls()}.
 *
 * <pre>{@code
 * hub.xet().plainHttpLimit(1 << 20);           // the CDN refuses plain downloads of larger Xet files
 * hub.repo("org/big").xetFile("weights.bin", bytes);
 * }</pre>
 */
public final class XetCas {
  private final XetCasState state;
  private final UrlSigner signer;
  private final Supplier<String> cdnEndpoint;

  XetCas(XetCasState state, UrlSigner signer, Supplier<String> cdnEndpoint) {
    this.state = state;
    this.signer = signer;
    this.cdnEndpoint = cdnEndpoint;
  }

  /** How chunks of xorbs formed from now on are compressed (default {@link XetCompression#ROTATE}). */
  public XetCas compression(XetCompression compression) {
    state.store().compression(Objects.requireNonNull(compression));
    return this;
  }

  /**
   * The size above which the CDN refuses an un-ranged plain download of a Xet-backed file (the Hub's
   * 50 GB, scaled down for tests); default none.
   */
  public XetCas plainHttpLimit(long bytes) {
    state.plainHttpLimit(bytes);
    return this;
  }

  /** How long read tokens issued from now on last (default one hour). */
  public XetCas tokenLifetime(Duration lifetime) {
    state.tokenLifetime(Objects.requireNonNull(lifetime));
    return this;
  }

  /**
   * Rewrites every reconstruction the CAS sends (the JSON text), to make it lie; {@code
   * UnaryOperator.identity()} restores honesty.
   */
  public XetCas rewriteReconstructions(UnaryOperator<String> rewriter) {
    state.rewriter(Objects.requireNonNull(rewriter));
    return this;
  }

  /** The Xet id of the stored file with this sha256, or null. */
  public String fileHash(String sha256) {
    var file = state.store().bySha256(sha256);
    return file == null ? null : file.fileHash();
  }

  /** Stores {@code bytes} as a xorb as they are (hand-made, possibly hostile); returns its hash. */
  public String putRawXorb(byte[] bytes) {
    return state.store().putRaw(bytes);
  }

  /** A presigned CDN URL of a stored xorb, as a reconstruction would give it. */
  public String xorbUrl(String xorbHash) {
    return cdnEndpoint.get() + "/xorbs/" + xorbHash + "?" + signer.sign(xorbHash);
  }

  /** Serialized bytes of every xorb stored: what a full upload would have sent. */
  public long storedBytes() {
    return state.store().storedBytes();
  }
}
