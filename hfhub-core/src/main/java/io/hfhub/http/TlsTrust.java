package io.hfhub.http;

import io.hfhub.HfHubException;
import io.hfhub.config.Environment;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Which certificates HTTPS trusts: an {@link SSLContext} given to the builder as it is; else the JVM's
 * default trust store plus every PEM certificate named by {@code REQUESTS_CA_BUNDLE}, {@code CURL_CA_BUNDLE},
 * {@code SSL_CERT_FILE} (files) and {@code SSL_CERT_DIR} (folders, {@code :}-separated) — added to the
 * default trust, not replacing it, so a corporate CA that re-signs TLS does not cut off the public Hub.
 */
final class TlsTrust {
    static final List<String> FILE_VARIABLES = List.of("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE");
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN (?:TRUSTED )?CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END (?:TRUSTED )?CERTIFICATE-----");

    private TlsTrust() {}

    /**
     * The socket factory HTTPS connections use.
     *
     * @param caBundle a PEM file whose certificates are trusted in addition (the builder's {@code caBundle}), or null
     */
    static SSLSocketFactory socketFactory(Environment env, SSLContext explicit, Path caBundle) {
        if (explicit != null) {
            return explicit.getSocketFactory();
        }
        List<X509Certificate> extra = new ArrayList<>();
        if (caBundle != null) {
            extra.addAll(readBundle(caBundle, "caBundle", true));
        }
        for (String variable : FILE_VARIABLES) {
            String file = env.get(variable);
            if (file != null) {
                extra.addAll(readBundle(Path.of(file), variable, true));
            }
        }
        String dirs = env.get("SSL_CERT_DIR");
        if (dirs != null) {
            for (String dir : dirs.split(":")) {
                if (!dir.isBlank()) {
                    extra.addAll(readFolder(Path.of(dir)));
                }
            }
        }
        return extra.isEmpty() ? HttpsURLConnection.getDefaultSSLSocketFactory() : withDefaultTrustPlus(extra);
    }

    /** Every certificate of a PEM file; a missing or certificate-less file named by a variable is an error. */
    static List<X509Certificate> readBundle(Path file, String variable, boolean required) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            if (!required) {
                return List.of();
            }
            throw new HfHubException(variable + " names " + file + ", which cannot be read: " + e.getClass().getSimpleName());
        }
        List<X509Certificate> certificates = parsePem(text);
        if (certificates.isEmpty() && required) {
            throw new HfHubException(variable + " names " + file + ", which holds no PEM certificate");
        }
        return certificates;
    }

    private static List<X509Certificate> readFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of(); // a search path, as OpenSSL reads it: a missing folder is skipped
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                if (Files.isRegularFile(file)) {
                    certificates.addAll(readBundle(file, "SSL_CERT_DIR", false)); // the folder may hold other files
                }
            }
        } catch (IOException e) {
            throw new HfHubException("SSL_CERT_DIR names " + dir + ", which cannot be listed: " + e.getClass().getSimpleName());
        }
        return certificates;
    }

    static List<X509Certificate> parsePem(String text) {
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            try {
                byte[] der = Base64.getMimeDecoder().decode(m.group(1));
                Certificate c = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
                if (c instanceof X509Certificate x509) {
                    certificates.add(x509);
                }
            } catch (CertificateException | IllegalArgumentException e) {
                // a damaged block is skipped, as OpenSSL does; the others still count
            }
        }
        return certificates;
    }

    private static SSLSocketFactory withDefaultTrustPlus(List<X509Certificate> extra) {
        try {
            TrustManagerFactory combined = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            combined.init(anchors(extra));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, combined.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new HfHubException("cannot set up TLS trust: " + e.getMessage(), e);
        }
    }

    /** The JVM's default trust anchors plus {@code extra}, in one store. */
    static KeyStore anchors(List<X509Certificate> extra) throws GeneralSecurityException, IOException {
        TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        defaults.init((KeyStore) null);
        KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
        anchors.load(null, null);
        int n = 0;
        for (javax.net.ssl.TrustManager tm : defaults.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                for (X509Certificate c : x509.getAcceptedIssuers()) {
                    anchors.setCertificateEntry("default-" + n++, c);
                }
            }
        }
        for (X509Certificate c : extra) {
            anchors.setCertificateEntry("bundle-" + n++, c);
        }
        return anchors;
    }
}
