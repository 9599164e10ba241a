import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;

/**
 * The JVM's floor for the bench's 300-small-file row: the least a Java program does to fetch N files -- plain
 * HttpURLConnection GETs on 8 threads (curl -Z --parallel-max 8's concurrency), each body written to its own file,
 * no listing, no hashing, no cache layout, no argument parsing. Whatever this costs beyond curl -Z is the price of
 * starting a JVM and running its HTTP stack cold, which no change to hfhub can remove.
 * Usage: java SmallFloor BASE_URL OUT_DIR NAME...   (GETs BASE_URL/NAME into OUT_DIR/NAME)
 */
public final class SmallFloor {
    public static void main(String[] args) throws Exception {
        String base = args[0];
        Path out = Files.createDirectories(Path.of(args[1]));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String name = args[i];
            done.add(pool.submit(() -> {
                HttpURLConnection c = (HttpURLConnection) new URL(base + "/" + name).openConnection();
                try (InputStream in = c.getInputStream(); OutputStream o = Files.newOutputStream(out.resolve(name))) {
                    in.transferTo(o);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }
}
