import java.io.InputStream;
import java.io.OutputStream;
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
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Reads one URL to the end with each Java HTTP transport and prints MB/s (best of N), to back the README's choice
 * of OkHttp. Also times the other stages of a download on the same bytes: SHA-256, and the write to a file.
 * Run: java -cp hfhub-cli/target/hfhub.jar bench/transport/Transport.java URL [runs]
 */
public final class Transport {
    interface Body {
        long read(String url, byte[] buffer) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        byte[] buffer = new byte[64 * 1024];
        OkHttpClient ok = new OkHttpClient.Builder().protocols(List.of(Protocol.HTTP_1_1)).build();
        HttpClient jdk = HttpClient.newHttpClient();
        report("OkHttp byteStream, 64 KiB reads", runs, url, buffer, (u, b) -> {
            try (Response r = ok.newCall(new Request.Builder().url(u).build()).execute(); InputStream in = r.body().byteStream()) {
                return drain(in, b);
            }
        });
        report("OkHttp byteStream, 256 KiB reads", runs, url, new byte[256 * 1024], (u, b) -> {
            try (Response r = ok.newCall(new Request.Builder().url(u).build()).execute(); InputStream in = r.body().byteStream()) {
                return drain(in, b);
            }
        });
        report("JDK HttpClient (defaults), ofInputStream", runs, url, buffer, (u, b) -> {
            HttpResponse<InputStream> r = jdk.send(HttpRequest.newBuilder(URI.create(u)).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                return drain(in, b);
            }
        });
        report("HttpURLConnection, 64 KiB reads", runs, url, buffer, (u, b) -> {
            HttpURLConnection c = (HttpURLConnection) new URL(u).openConnection();
            try (InputStream in = c.getInputStream()) {
                return drain(in, b);
            } finally {
                c.disconnect();
            }
        });
        report("OkHttp + SHA-256 + FileChannel write, one thread", runs, url, new byte[256 * 1024], (u, b) -> {
            Path out = Files.createTempFile("transport", ".bin");
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (Response r = ok.newCall(new Request.Builder().url(u).build()).execute(); InputStream in = r.body().byteStream();
                    FileChannel ch = FileChannel.open(out, StandardOpenOption.WRITE)) {
                long total = 0;
                for (int n; (n = in.read(b)) >= 0; total += n) {
                    sha.update(b, 0, n);
                    ByteBuffer bb = ByteBuffer.wrap(b, 0, n);
                    while (bb.hasRemaining()) {
                        ch.write(bb);
                    }
                }
                return total;
            } finally {
                Files.deleteIfExists(out);
            }
        });
        ok.dispatcher().executorService().shutdown();
        ok.connectionPool().evictAll();
    }

    private static long drain(InputStream in, byte[] buffer) throws Exception {
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
        }
        return total;
    }

    private static void report(String name, int runs, String url, byte[] buffer, Body body) throws Exception {
        List<Double> rates = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            bytes = body.read(url, buffer);
            rates.add(bytes / ((System.nanoTime() - t) / 1e9) / 1e6);
        }
        double best = rates.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        System.out.printf(Locale.ROOT, "%-50s %6.0f MB/s (best of %d, %d bytes)%n", name, best, runs, bytes);
    }
}
