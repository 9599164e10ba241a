package io.hfhub.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs CDN URLs like a presigned S3/CloudFront URL: {@code ?expires=<epoch s>&sig=<hex>}, an
 * HMAC-SHA256 over the blob id and the expiry. {@link #expireAll()} invalidates every URL signed so
 * far (it bumps a generation mixed into the MAC), which lets tests force a client to re-resolve.
 */
public final class UrlSigner {
  /** Lifetime of a signed URL; the Hub's are about an hour. */
  public static final long LIFETIME_SECONDS = 3600;

  private final byte[] key = new byte[32];
  private final Clock clock;
  private volatile long generation;

  /** A signer with a random key. */
  public UrlSigner(Clock clock) {
    this.clock = clock;
    new SecureRandom().nextBytes(key);
  }

  /** The query string (without {@code ?}) for a blob URL valid for {@link #LIFETIME_SECONDS}. */
  public String sign(String blobId) {
    long expires = clock.instant().getEpochSecond() + LIFETIME_SECONDS;
    return "expires=" + expires + "&sig=" + mac(blobId, expires, generation);
  }

  /** Whether the URL parameters are a valid, unexpired signature for this blob. */
  public boolean verify(String blobId, String expires, String sig) {
    if (expires == null || sig == null) {
      return false;
    }
    long expiry;
    try {
      expiry = Long.parseLong(expires);
    } catch (NumberFormatException e) {
      return false;
    }
    if (expiry < clock.instant().getEpochSecond()) {
      return false;
    }
    byte[] expected = mac(blobId, expiry, generation).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII));
  }

  /** Invalidates every URL signed before now. */
  public void expireAll() {
    generation++;
  }

  private String mac(String blobId, long expires, long gen) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] sig = mac.doFinal((blobId + ":" + expires + ":" + gen).getBytes(StandardCharsets.UTF_8));
      return Hashes.hex(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
    }
  }
}
