package io.hfhub.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One self-signed certificate for loopback ({@code 127.0.0.1}, {@code 127.0.0.2}, {@code ::1},
 * {@code localhost}), made once per JVM by the JDK's own {@code keytool}: the JDK has no public
 * X.509 builder, and shipping a private key in the repository would outlive any validity we chose.
 * The certificate is its own CA (basic constraints {@code CA:true}), so a PEM bundle holding it is
 * all a client needs to trust the servers.
 */
public final class LoopbackCertificate {
  private static final char[] PASSWORD = "hfhub-testkit".toCharArray();
  private static final String ALIAS = "loopback";
  private static volatile LoopbackCertificate instance;

  private final KeyStore keyStore;
  private final String pem;
  private final Path pemFile;

  private LoopbackCertificate(KeyStore keyStore, String pem, Path pemFile) {
    this.keyStore = keyStore;
    this.pem = pem;
    this.pemFile = pemFile;
  }

  /** The certificate of this JVM, made on first use (about a second). */
  public static LoopbackCertificate get() {
    LoopbackCertificate c = instance;
    if (c == null) {
      synchronized (LoopbackCertificate.class) {
        c = instance;
        if (c == null) {
          c = instance = generate();
        }
      }
    }
    return c;
  }

  /** The certificate in PEM, to trust it. */
  public String pem() {
    return pem;
  }

  /** A file holding {@link #pem()}, deleted when the JVM exits. */
  public Path pemFile() {
    return pemFile;
  }

  /** A server context presenting the certificate. */
  public SSLContext serverContext() {
    try {
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(keyStore, PASSWORD);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the testkit's TLS context", e);
    }
  }

  /** A client context trusting this certificate only. */
  public SSLContext clientContext() {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry(ALIAS, keyStore.getCertificate(ALIAS));
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot make a client TLS context", e);
    }
  }

  private static LoopbackCertificate generate() {
    try {
      Path dir = Files.createTempDirectory("hfhub-testkit-tls");
      Path store = dir.resolve("loopback.p12");
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      run(List.of(keytool, "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
          "-dname", "CN=hfhub-testkit loopback", "-validity", "3650",
          "-ext", "san=ip:127.0.0.1,ip:127.0.0.2,ip:0:0:0:0:0:0:0:1,dns:localhost", "-ext", "bc:c",
          "-keystore", store.toString(), "-storetype", "PKCS12",
          "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)));
      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keyStore.load(in, PASSWORD);
      }
      Files.delete(store);
      Certificate cert = keyStore.getCertificate(ALIAS);
      String pem = "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
      Path pemFile = dir.resolve("loopback-ca.pem");
      Files.writeString(pemFile, pem);
      pemFile.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      return new LoopbackCertificate(keyStore, pem, pemFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the testkit's certificate", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the testkit's certificate", e);
    }
  }

  private static void run(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (InputStream out = process.getInputStream()) {
      String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException("keytool failed: " + text);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running keytool", e);
    }
  }
}
