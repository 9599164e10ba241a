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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * The socket factory HTTPS connections use. Built on the first HTTPS connection, not here: a bundle variable
     * is checked now (a missing or certificate-less file fails the client's build), but parsing certificates and
     * loading the JVM's trust store waits until a connection needs them, so a run over plain HTTP, or one answered
     * from the cache, pays nothing. Measured: with the three bundle variables and {@code SSL_CERT_DIR} naming the
     * system's 140-certificate bundle (as on many machines), building the trust took a quarter of the CPU samples
     * of a 300-file snapshot over HTTP.
     *
     * <p>Protocols and cipher suites stay the JDK's, by measurement ({@code bench/tls/floor.sh}: 1 GiB from nginx
     * over one connection, 2 cores, JDK 17.0.15, 2026-11-30, median CPU seconds of 5 paired runs): TLS 1.3 with
     * AES-256-GCM, the JDK's first choice, 3.79 s; AES-128-GCM 3.82 s; TLS 1.2 3.92–3.97 s, i.e. no difference worth
     * an order of our own; CHACHA20-POLY1305 7.00 s (no intrinsic on JDK 17), which the JDK already lists last.
     * Reads of 8 KiB to 1 MiB into the TLS socket and {@code SO_RCVBUF} of 256 KiB to 4 MiB made no difference
     * either (the socket hands out one 16 KiB record per read); what did is the buffer under it, see
     * {@link BufferedInputSocket}. One factory, so one {@link SSLContext}, serves all of a client's connections,
     * so that a second connection to a host resumes its TLS session.
     *
     * @param caBundle a PEM file whose certificates are trusted in addition (the builder's {@code caBundle}), or null
     */
    static SSLSocketFactory socketFactory(Environment env, SSLContext explicit, Path caBundle) {
        if (explicit != null) {
            return new LazySocketFactory(explicit::getSocketFactory); // for its buffered sockets
        }
        // One read per file: the variables often all name the same bundle.
        Map<Path, String> bundles = new LinkedHashMap<>();
        if (caBundle != null) {
            addBundle(bundles, caBundle, "caBundle");
        }
        for (String variable : FILE_VARIABLES) {
            String file = env.get(variable);
            if (file != null) {
                addBundle(bundles, Path.of(file), variable);
            }
        }
        List<Path> folders = new ArrayList<>();
        String dirs = env.get("SSL_CERT_DIR");
        if (dirs != null) {
            for (String dir : dirs.split(":")) {
                if (!dir.isBlank()) {
                    folders.add(Path.of(dir));
                }
            }
        }
        return new LazySocketFactory(() -> {
            Map<String, String> unique = new LinkedHashMap<>(); // base64 body → PEM block: each certificate parsed once
            bundles.values().forEach(text -> collect(text, unique));
            for (Path folder : folders) {
                readFolder(folder, bundles.keySet(), unique);
            }
            List<X509Certificate> extra = parsePem(String.join("\n", unique.values()));
            return extra.isEmpty() ? HttpsURLConnection.getDefaultSSLSocketFactory() : withDefaultTrustPlus(extra);
        });
    }

    /** Reads a bundle named by {@code variable} once; a missing or certificate-less file is an error. */
    private static void addBundle(Map<Path, String> bundles, Path file, String variable) {
        if (bundles.containsKey(realPath(file))) {
            return;
        }
        String text = readText(file, variable, true);
        if (!PEM.matcher(text).find()) {
            throw new HfHubException(variable + " names " + file + ", which holds no PEM certificate");
        }
        bundles.put(realPath(file), text);
    }

    private static String readText(Path file, String variable, boolean required) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            if (!required) {
                return "";
            }
            throw new HfHubException(variable + " names " + file + ", which cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    /** Adds the PEM blocks of {@code text} to {@code unique}, keyed by their base64 body without white space. */
    private static void collect(String text, Map<String, String> unique) {
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            unique.putIfAbsent(m.group(1).replaceAll("\\s", ""), m.group());
        }
    }

    /**
     * The PEM blocks of a folder's files, each real file read once (a hashed folder links each certificate under
     * two names, and often holds the bundle a variable already named).
     */
    private static void readFolder(Path dir, java.util.Set<Path> alreadyRead, Map<String, String> unique) {
        if (!Files.isDirectory(dir)) {
            return; // a search path, as OpenSSL reads it: a missing folder is skipped
        }
        java.util.Set<Path> read = new java.util.HashSet<>(alreadyRead);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                if (Files.isRegularFile(file) && read.add(realPath(file))) {
                    collect(readText(file, "SSL_CERT_DIR", false), unique); // the folder may hold other files
                }
            }
        } catch (IOException e) {
            throw new HfHubException("SSL_CERT_DIR names " + dir + ", which cannot be listed: " + e.getClass().getSimpleName());
        }
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
