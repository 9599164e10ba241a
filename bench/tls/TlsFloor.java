import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The JDK's TLS alone, with its knobs: reads SIZE bytes of one HTTPS URL (no redirect: give the CDN's URL) over N
 * connections, each one GET of its own byte range, and drops the body (no file, no hash), so that what is measured
 * is the TLS receive path and nothing else. Certificate verification stays on (the PEM given is the trust).
 *
 * <pre>
 * java TlsFloor URL CERT.pem SIZE [key=value...]
 *   conns=1          connections, each a Range GET of SIZE/conns bytes, one thread each
 *   read=262144      bytes asked per read() of the SSLSocket's input (socket mode)
 *   suites=...       enabled cipher suites in order, comma-separated (default: the JDK's)
 *   protocols=...    enabled protocols, comma-separated (default: the JDK's, TLSv1.3 first)
 *   mode=socket      socket (SSLSocket, as HttpsURLConnection uses) or engine (SSLEngine over a SocketChannel,
 *                    direct buffers), or engine-heap (the same, the plaintext then copied into a byte[] as an
 *                    InputStream's reader would get it)
 *   -Dbufin=0        bytes of a buffer under the TLS layer (0: none): the JDK's SSLSocket reads each record's 5-byte
 *                    header and then its body with two reads of the socket, i.e. two system calls per 16 KiB
 *   rcvbuf=0         SO_RCVBUF in bytes (0: the kernel's autotuning)
 *   resume=0         1: open one warm-up connection to the same host first (the CDN), so that the measured ones
 *                    resume its session; 2: the same warm-up in another SSLContext (nothing to resume, the code
 *                    equally warm); prints each handshake's time
 * </pre>
 * Prints one line: bytes, seconds of transfer (after JVM start), the negotiated protocol and suite, handshake times.
 */
public final class TlsFloor {
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        long size = Long.parseLong(args[2]);
        Map<String, String> opt = new ConcurrentHashMap<>();
        for (int i = 3; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            opt.put(kv[0], kv[1]);
        }
        int conns = Integer.parseInt(opt.getOrDefault("conns", "1"));
        int read = Integer.parseInt(opt.getOrDefault("read", "262144"));
        int rcvbuf = Integer.parseInt(opt.getOrDefault("rcvbuf", "0"));
        String mode = opt.getOrDefault("mode", "socket");
        SSLContext tls = context(args[1]);
        SSLParameters params = tls.getDefaultSSLParameters();
        if (opt.containsKey("suites")) {
            params.setCipherSuites(opt.get("suites").split(","));
        }
        if (opt.containsKey("protocols")) {
            params.setProtocols(opt.get("protocols").split(","));
        }
        params.setEndpointIdentificationAlgorithm("HTTPS");
        String host = uri.getHost();
        int port = uri.getPort();
        List<String> handshakes = new ArrayList<>();
        String resume = opt.getOrDefault("resume", "0");
        if (!resume.equals("0")) { // the warm-up loads and compiles the handshake's code either way
            SSLContext warm = resume.equals("1") ? tls : context(args[1]);
            get(warm, params, host, port, uri.getRawPath(), 0, 0, read, rcvbuf, handshakes, "socket");
        }
        long startMillis = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        long t0 = System.nanoTime();
        long[] got = new long[conns];
        long[] threadCpu = new long[conns]; // each reader's own CPU time: the critical path, which no load shortens
        String[] suite = new String[1];
        List<Thread> threads = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int c = 0; c < conns; c++) {
            int index = c;
            long from = size * c / conns;
            long to = size * (c + 1) / conns - 1;
            Thread t = new Thread(() -> {
                try {
                    String s = get(tls, params, host, port, uri.getRawPath(), from, to, read, rcvbuf, handshakes, mode);
                    got[index] = to - from + 1;
                    threadCpu[index] = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                    suite[0] = s;
                } catch (Throwable e) {
                    failure[0] = e;
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure[0] != null) {
            throw new RuntimeException(failure[0]);
        }
        long total = 0;
        for (long g : got) {
            total += g;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        StringBuilder cpus = new StringBuilder();
        for (long t : threadCpu) {
            cpus.append(String.format(" %.3f", t / 1e9));
        }
        System.out.printf("%d bytes %.3f s %s handshakes(ms)=%s reader-cpu(s)=%s jvm-uptime-at-start(s)=%.3f%n", total,
                seconds, suite[0], handshakes, cpus.toString().trim(), startMillis / 1e3);
        if (total != size) {
            System.exit(1);
        }
    }

    static SSLContext context(String pem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = new FileInputStream(pem)) {
            trust.setCertificateEntry("bench", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }

    /** One Range GET of [from, to]; the body read and dropped. Returns the protocol and suite negotiated. */
    static String get(SSLContext tls, SSLParameters params, String host, int port, String path, long from, long to,
            int read, int rcvbuf, List<String> handshakes, String mode) throws Exception {
        int bufin = Integer.parseInt(System.getProperty("bufin", "0"));
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nRange: bytes=" + from + "-" + to
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long want = to - from + 1;
        if (mode.startsWith("engine")) {
            return viaEngine(tls, params, host, port, request, want, rcvbuf, handshakes, mode.equals("engine-heap"));
        }
        Socket plain = bufin > 0 ? new BufferedSocket(bufin) : new Socket();
        if (rcvbuf > 0) {
            plain.setReceiveBufferSize(rcvbuf);
        }
        plain.connect(new InetSocketAddress(host, port));
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true)) {
            socket.setSSLParameters(params);
            long h0 = System.nanoTime();
            socket.startHandshake();
            synchronized (handshakes) {
                handshakes.add(String.format("%.1f", (System.nanoTime() - h0) / 1e6));
            }
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[read];
            long body = skipHeaders(in, buffer);
            for (int n; body < want && (n = in.read(buffer, 0, read)) > 0; ) {
                body += n;
            }
            if (body != want) {
                throw new IOException("short body " + body);
            }
            return socket.getSession().getProtocol() + " " + socket.getSession().getCipherSuite();
        }
    }

    /** A plain socket whose input is read in large blocks: TLS layered on it gets its records from memory. */
    static final class BufferedSocket extends Socket {
        private final int size;
        private java.io.BufferedInputStream in;

        BufferedSocket(int size) {
            this.size = size;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new java.io.BufferedInputStream(super.getInputStream(), size);
            }
            return in;
        }
    }

    /** Reads up to the end of the headers byte by byte; returns 0 (no body byte consumed). */
    private static long skipHeaders(InputStream in, byte[] scratch) throws IOException {
        int state = 0;
        StringBuilder status = new StringBuilder();
        for (int b; (b = in.read()) >= 0; ) {
            if (status.length() < 12) {
                status.append((char) b);
            }
            state = (b == '\r' || b == '\n') ? state + 1 : 0;
            if (state == 4) {
                if (!status.toString().contains("206")) {
                    throw new IOException("status " + status);
                }
                return 0;
            }
        }
        throw new IOException("no headers");
    }

    /** The same over an SSLEngine and a blocking SocketChannel, every buffer direct. */
    private static String viaEngine(SSLContext tls, SSLParameters params, String host, int port, byte[] request,
            long want, int rcvbuf, List<String> handshakes, boolean heapCopy) throws Exception {
        try (SocketChannel ch = SocketChannel.open()) {
            if (rcvbuf > 0) {
                ch.socket().setReceiveBufferSize(rcvbuf);
            }
            ch.connect(new InetSocketAddress(host, port));
            SSLEngine engine = tls.createSSLEngine(host, port);
            engine.setUseClientMode(true);
            engine.setSSLParameters(params);
            int packet = engine.getSession().getPacketBufferSize();
            ByteBuffer netIn = ByteBuffer.allocateDirect(packet * 16);
            ByteBuffer netOut = ByteBuffer.allocateDirect(packet * 2);
            ByteBuffer app = ByteBuffer.allocateDirect(engine.getSession().getApplicationBufferSize() * 2);
            ByteBuffer empty = ByteBuffer.allocate(0);
            byte[] heap = heapCopy ? new byte[app.capacity()] : null;
            long h0 = System.nanoTime();
            engine.beginHandshake();
            SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
            while (hs != SSLEngineResult.HandshakeStatus.FINISHED && hs != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
                switch (hs) {
                    case NEED_WRAP -> {
                        netOut.clear();
                        hs = engine.wrap(empty, netOut).getHandshakeStatus();
                        netOut.flip();
                        while (netOut.hasRemaining()) {
                            ch.write(netOut);
                        }
                    }
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        app.clear();
                        SSLEngineResult r = engine.unwrap(netIn.flip(), app);
                        netIn.compact();
                        hs = r.getHandshakeStatus();
                        if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW && ch.read(netIn) < 0) {
                            throw new IOException("closed in handshake");
                        }
                    }
                    case NEED_TASK -> {
                        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                            task.run();
                        }
                        hs = engine.getHandshakeStatus();
                    }
                    default -> throw new IllegalStateException(hs.toString());
                }
            }
            synchronized (handshakes) {
                handshakes.add(String.format("%.1f", (System.nanoTime() - h0) / 1e6));
            }
            netOut.clear();
            engine.wrap(ByteBuffer.wrap(request), netOut);
            netOut.flip();
            while (netOut.hasRemaining()) {
                ch.write(netOut);
            }
            long body = -1; // -1 while in the headers
            int state = 0;
            while (body < want) {
                netIn.flip();
                boolean progress = false;
                while (true) {
                    app.clear();
                    SSLEngineResult r = engine.unwrap(netIn, app);
                    if (r.getStatus() != SSLEngineResult.Status.OK) {
                        break;
                    }
                    progress = true;
                    app.flip();
                    if (body < 0) {
                        while (app.hasRemaining() && body < 0) {
                            byte b = app.get();
                            state = (b == '\r' || b == '\n') ? state + 1 : 0;
                            if (state == 4) {
                                body = 0;
                            }
                        }
                    }
                    if (body >= 0) {
                        body += app.remaining();
                        if (heap != null) { // as a stream reader must: the plaintext copied into a byte[]
                            app.get(heap, 0, app.remaining());
                        }
                    }
                }
                netIn.compact();
                if (body >= want) {
                    break;
                }
                if (ch.read(netIn) < 0) {
                    throw new IOException("short body " + body);
                }
            }
            return engine.getSession().getProtocol() + " " + engine.getSession().getCipherSuite() + " (engine)";
        }
    }
}
