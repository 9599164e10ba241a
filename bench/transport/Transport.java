import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The measurement behind hfhub's choice of HTTP transport. For each candidate (OkHttp 5, the JDK 17 HttpClient with
 * default settings, HttpURLConnection) it reads one URL to the end, twice over: body only, then hfhub's whole
 * download pipeline (read + sha256 on one thread, file writes on a second), and prints MB/s (best of N).
 * Run by bench/transport/run.sh.
 */
public final class Transport {
    interface Opener {
        InputStream open(String url) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        OkHttpClient ok = new OkHttpClient.Builder().protocols(List.of(Protocol.HTTP_1_1)).build();
        HttpClient jdk = HttpClient.newHttpClient();
        Opener okhttp = u -> {
            Response r = ok.newCall(new Request.Builder().url(u).header("Accept-Encoding", "identity").build()).execute();
            return r.body().byteStream();
        };
        Opener jdkClient = u -> jdk.send(HttpRequest.newBuilder(URI.create(u)).build(), HttpResponse.BodyHandlers.ofInputStream()).body();
        Opener urlConnection = u -> ((HttpURLConnection) new URL(u).openConnection()).getInputStream();
        for (Object[] t : new Object[][] {{"OkHttp 5", okhttp}, {"JDK HttpClient (defaults)", jdkClient}, {"HttpURLConnection", urlConnection}}) {
            report(t[0] + ", body only", runs, () -> drain(((Opener) t[1]).open(url)));
            report(t[0] + ", read + sha256 | write (hfhub's pipeline)", runs, () -> pipeline(((Opener) t[1]).open(url)));
        }
        ok.dispatcher().executorService().shutdown();
        ok.connectionPool().evictAll();
    }

    private static long drain(InputStream in) throws Exception {
        byte[] buffer = new byte[256 * 1024];
        long total = 0;
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
            }
        }
        return total;
    }

    /** Read and hash here, write on a second thread through 8 circulating 256 KiB buffers, as BlobTransfer does. */
    private static long pipeline(InputStream in) throws Exception {
        Path out = Files.createTempFile("transport", ".bin");
        BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(8);
        BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(9);
        for (int i = 0; i < 8; i++) {
            free.add(ByteBuffer.allocate(256 * 1024));
        }
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.WRITE); in) {
            Thread writer = new Thread(() -> {
                try {
                    for (ByteBuffer b; (b = full.take()).capacity() > 0; ) {
                        while (b.hasRemaining()) {
                            ch.write(b);
                        }
                        b.clear();
                        free.add(b);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            long total = 0;
            while (true) {
                ByteBuffer b = free.take();
                byte[] a = b.array();
                int filled = 0;
                for (int n; filled < a.length && (n = in.read(a, filled, a.length - filled)) > 0; ) {
                    filled += n;
                    if (filled >= 64 * 1024 && in.available() == 0) {
                        break;
                    }
                }
                if (filled == 0) {
                    free.add(b);
                    break;
                }
                sha.update(a, 0, filled);
                b.limit(filled);
                full.add(b);
                total += filled;
            }
            full.add(ByteBuffer.allocate(0));
            writer.join();
            sha.digest();
            return total;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    interface Run {
        long bytes() throws Exception;
    }

    private static void report(String name, int runs, Run run) throws Exception {
        List<Double> rates = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            bytes = run.bytes();
            rates.add(bytes / ((System.nanoTime() - t) / 1e9) / 1e6);
        }
        double best = rates.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        System.out.printf(Locale.ROOT, "%-58s %6.0f MB/s (best of %d, %d bytes)%n", name, best, runs, bytes);
    }
}
