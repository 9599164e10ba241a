import java.io.FileInputStream;
import java.io.InputStream;
import java.net.URL;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The floor of any client on the JDK's TLS: reads one HTTPS body into a 256 KiB buffer and drops it (no file, no
 * hash), following redirects, trusting the PEM certificate given. bench/run.sh times it as a whole process, as it
 * times hfhub and curl. Usage: java TlsRead URL CERT.pem
 */
public final class TlsRead {
    public static void main(String[] args) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = new FileInputStream(args[1])) {
            trust.setCertificateEntry("bench", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        HttpsURLConnection.setDefaultSSLSocketFactory(tls.getSocketFactory());
        byte[] buffer = new byte[256 * 1024];
        long total = 0;
        try (InputStream in = new URL(args[0]).openStream()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
            }
        }
        System.out.println(total);
    }
}
