package io.hfhub.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the Hub, the CAS and the CDN share about Xet: the store, the read tokens the Hub issues and the CAS checks
 * ({@code xet_<expiry>_<hmac>}), how long they last, the size above which the CDN refuses plain downloads of a file
 * (the Hub's 50 GB limit, scaled down), and a test's rewriting of reconstructions (a hostile CAS).
 */
public final class XetCasState {
  private final XetStore store = new XetStore();
  private final byte[] key = new byte[32];
  private final Clock clock;
  private volatile Duration tokenLifetime = Duration.ofHours(1);
  private volatile long plainHttpLimit = Long.MAX_VALUE;
  private volatile UnaryOperator<String> rewriter = UnaryOperator.identity();

  public XetCasState(Clock clock) {
    this.clock = clock;
    new SecureRandom().nextBytes(key);
  }

  public XetStore store() {
    return store;
  }

  public void tokenLifetime(Duration lifetime) {
    this.tokenLifetime = lifetime;
  }

  public long plainHttpLimit() {
    return plainHttpLimit;
  }

  public void plainHttpLimit(long bytes) {
    this.plainHttpLimit = bytes;
  }

  public void rewriter(UnaryOperator<String> rewriter) {
    this.rewriter = rewriter;
  }

  /** The reconstruction JSON as the CAS sends it, after the test's rewriting. */
  public String rewrite(String json) {
    return rewriter.apply(json);
  }

  /** A new read token and its expiry (epoch seconds). */
  public String[] issueToken() {
    long expires = clock.instant().getEpochSecond() + tokenLifetime.toSeconds();
    return new String[] {"xet_" + expires + "_" + mac(expires), Long.toString(expires)};
  }

  /** Whether {@code token} is one this CAS issued and it has not expired. */
  public boolean validToken(String token) {
    if (token == null || !token.startsWith("xet_")) {
      return false;
    }
    String[] parts = token.split("_");
    if (parts.length != 3) {
      return false;
    }
    try {
      long expires = Long.parseLong(parts[1]);
      return expires >= clock.instant().getEpochSecond()
          && MessageDigest.isEqual(mac(expires).getBytes(StandardCharsets.US_ASCII),
              parts[2].getBytes(StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private String mac(long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Hashes.hex(mac.doFinal(("xet-read:" + expires).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
    }
  }
}
