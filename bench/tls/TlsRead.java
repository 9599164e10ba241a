import java.io.FileInputStream;
import java.io.InputStream;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The floors of any client on the JDK's TLS, following redirects and trusting the PEM certificate given; bench/run.sh
 * times them as whole processes, as it times hfhub and curl.
 * <ul>
 *   <li>{@code java TlsRead URL CERT.pem}: reads the body into a 256 KiB buffer and drops it (no file, no hash):
 *       the JDK's TLS alone.</li>
 *   <li>{@code java TlsRead URL CERT.pem OUT_FILE}: also what a client that checks what it downloads must do: each
 *       buffer written to the file and handed to a second thread that computes its SHA-256, eight in flight (as
 *       bench/floor/StreamFloor.java over plain HTTP). Prints the SHA-256. No floor for hfhub any more: it reads
 *       through the JDK's default TLS socket, and hfhub's one stream, whose socket under TLS reads the kernel in
 *       256 KiB blocks, took less time in the bench's runs of 2026-11-30 (1.53x against 1.82x curl's).</li>
 * </ul>
 */
public final class TlsRead {
    private static final int BUFFERS = 8;
    private static final int BUFFER_SIZE = 256 * 1024;
    private static final byte[] END = new byte[0];

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
        if (args.length < 3) {
            byte[] buffer = new byte[BUFFER_SIZE];
            long total = 0;
            try (InputStream in = new URL(args[0]).openStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    total += n;
                }
            }
            System.out.println(total);
            return;
        }
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
        BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(BUFFERS + 1);
        BlockingQueue<Integer> lengths = new ArrayBlockingQueue<>(BUFFERS + 1);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new byte[BUFFER_SIZE]);
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Thread hasher = new Thread(() -> {
            try {
                for (byte[] b = full.take(); b != END; b = full.take()) {
                    sha.update(b, 0, lengths.take());
                    free.put(b);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        hasher.start();
        try (InputStream in = new URL(args[0]).openStream();
             FileChannel out = FileChannel.open(Path.of(args[2]), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            while (true) {
                byte[] b = free.take();
                int n = in.readNBytes(b, 0, b.length);
                if (n == 0) {
                    free.put(b);
                    break;
                }
                ByteBuffer view = ByteBuffer.wrap(b, 0, n);
                while (view.hasRemaining()) {
                    out.write(view);
                }
                lengths.put(n);
                full.put(b);
            }
        }
        full.put(END);
        hasher.join();
        System.out.println(HexFormat.of().formatHex(sha.digest()));
    }
}
