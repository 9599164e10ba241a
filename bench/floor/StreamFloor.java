import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The JVM's floor for the bench's one-stream rows: the least a Java program does to download one file and check
 * it -- one HttpURLConnection GET (redirects followed), 1 MiB reads into the heap, each buffer written to the file
 * and handed to a second thread that computes its SHA-256, four buffers in flight. No resume state, no lock, no
 * cache layout, no argument parsing. What this costs beyond curl is the price of the JVM and its HTTP stack.
 * Usage: java StreamFloor URL OUT_FILE   (prints the SHA-256)
 */
public final class StreamFloor {
    private static final byte[] END = new byte[0];

    public static void main(String[] args) throws Exception {
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(4);
        BlockingQueue<byte[]> full = new ArrayBlockingQueue<>(4);
        BlockingQueue<Integer> lengths = new ArrayBlockingQueue<>(4);
        for (int i = 0; i < 4; i++) {
            free.add(new byte[1 << 20]);
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
        HttpURLConnection c = (HttpURLConnection) new URL(args[0]).openConnection();
        try (InputStream in = c.getInputStream();
             FileChannel out = FileChannel.open(Path.of(args[1]), StandardOpenOption.CREATE,
                     StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            while (true) {
                byte[] b = free.take();
                int n = in.readNBytes(b, 0, b.length);
                if (n == 0) {
                    break;
                }
                ByteBuffer buf = ByteBuffer.wrap(b, 0, n);
                while (buf.hasRemaining()) {
                    out.write(buf);
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
