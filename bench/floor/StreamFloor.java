import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The JVM's floor for the bench's 1 GiB row: the least a Java program can do to download one file and check its
 * SHA-256 while it streams, which is what hfhub does and curl does not. A plain HTTP/1.1 GET written by hand on a
 * {@link SocketChannel} (redirects followed, no HTTP library), the body read into 256 KiB direct buffers, each
 * written to the file and handed to a second thread that hashes it, eight in flight: no copy into the Java heap,
 * no resume state, lock, cache layout or argument parsing. What it costs beyond curl is the JVM's start and the
 * hash, on cores shared with the server.
 * Usage: java [-Dheap=true] StreamFloor URL OUT_FILE   (prints the SHA-256; plain http only). With
 * {@code -Dheap=true} the buffers are heap ones, as {@code HttpURLConnection} needs: the JDK then copies every byte
 * from its own direct buffer into them, and back into one for the file write.
 */
public final class StreamFloor {
    private static final int BUFFERS = 8;
    private static final int BUFFER_SIZE = 256 << 10;
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    public static void main(String[] args) throws Exception {
        BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
        BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(BUFFERS + 1);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(Boolean.getBoolean("heap") ? ByteBuffer.allocate(BUFFER_SIZE) : ByteBuffer.allocateDirect(BUFFER_SIZE));
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Thread hasher = new Thread(() -> {
            try {
                for (ByteBuffer b = full.take(); b != END; b = full.take()) {
                    sha.update(b);
                    free.put(b);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        hasher.start();
        URI uri = URI.create(args[0]);
        for (int hop = 0; ; hop++) {
            try (SocketChannel socket = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()))) {
                String host = uri.getHost() + ":" + uri.getPort();
                socket.write(ByteBuffer.wrap(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + host
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer head = ByteBuffer.allocate(16 << 10);
                int bodyStart;
                while ((bodyStart = headerEnd(head)) < 0) {
                    if (socket.read(head) < 0) {
                        throw new IOException("connection closed in the headers");
                    }
                }
                String headers = new String(head.array(), 0, bodyStart, StandardCharsets.ISO_8859_1);
                int status = Integer.parseInt(headers.substring(9, 12));
                if (status / 100 == 3 && hop < 5) {
                    uri = uri.resolve(header(headers, "location"));
                    continue;
                }
                if (status != 200) {
                    throw new IOException("HTTP " + status);
                }
                long length = Long.parseLong(header(headers, "content-length"));
                head.flip().position(bodyStart);
                receive(socket, head, length, Path.of(args[1]), free, full);
                break;
            }
        }
        full.put(END);
        hasher.join();
        System.out.println(HexFormat.of().formatHex(sha.digest()));
    }

    /** The body: socket → direct buffer → file, then the buffer to the hashing thread. */
    private static void receive(SocketChannel socket, ByteBuffer already, long length, Path file,
            BlockingQueue<ByteBuffer> free, BlockingQueue<ByteBuffer> full) throws IOException, InterruptedException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long got = already.remaining();
            ByteBuffer b = free.take().clear().put(already);
            while (true) {
                while (b.hasRemaining() && got < length) {
                    int n = socket.read(b);
                    if (n < 0) {
                        throw new IOException("connection closed at byte " + got + " of " + length);
                    }
                    got += n;
                }
                b.flip();
                while (b.hasRemaining()) {
                    out.write(b);
                }
                full.put(b.flip());
                if (got >= length) {
                    return;
                }
                b = free.take().clear();
            }
        }
    }

    private static int headerEnd(ByteBuffer b) {
        byte[] a = b.array();
        for (int i = 3; i < b.position(); i++) {
            if (a[i - 3] == '\r' && a[i - 2] == '\n' && a[i - 1] == '\r' && a[i] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    private static String header(String headers, String name) throws IOException {
        return headers.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith(name + ":")).findFirst()
                .map(l -> l.substring(name.length() + 1).trim())
                .orElseThrow(() -> new IOException("no " + name + " header"));
    }
}
