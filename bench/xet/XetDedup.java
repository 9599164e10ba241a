import io.hfhub.FileRequest;
import io.hfhub.HfHub;
import io.hfhub.testkit.HubServer;
import io.hfhub.testkit.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * Bytes fetched for a second revision of a large Xet-backed file with 1 % of it rewritten: hfhub through Xet (with
 * its chunk cache) against a plain-HTTP download of the same revision (what hfhub with HF_HUB_DISABLE_XET=1, or the
 * Python client without hf_xet, fetches). Args: size in MiB, work folder.
 */
public class XetDedup {
    public static void main(String[] args) throws Exception {
        int mib = Integer.parseInt(args[0]);
        Path work = Path.of(args[1]);
        byte[] v1 = weights(mib << 20, 1);
        byte[] v2 = v1.clone();
        byte[] edit = weights(v1.length / 100, 2);
        System.arraycopy(edit, 0, v2, v1.length / 3, edit.length);
        try (HubServer hub = HubServer.start()) {
            hub.repo("bench/model").xetFile("model.bin", v1);
            String first = hub.repo("bench/model").commit();
            hub.repo("bench/model").xetFile("model.bin", v2);
            try (HfHub xet = client(hub, work.resolve("xet"), false)) {
                long c0 = System.nanoTime();
                xet.download(FileRequest.builder("bench/model", "model.bin").revision(first).build());
                double cold = (System.nanoTime() - c0) / 1e9;
                long rev1 = fetched(hub, v1.length);
                hub.clearRequests();
                long t0 = System.nanoTime();
                xet.download("bench/model", "model.bin");
                double seconds = (System.nanoTime() - t0) / 1e9;
                long rev2 = fetched(hub, v1.length);
                hub.clearRequests();
                double plainCold;
                try (HfHub plain = client(hub, work.resolve("plain"), true)) {
                    long p0 = System.nanoTime();
                    plain.download(FileRequest.builder("bench/model", "model.bin").revision(first).build());
                    plainCold = (System.nanoTime() - p0) / 1e9;
                    hub.clearRequests();
                    plain.download("bench/model", "model.bin");
                }
                long plainRev2 = fetched(hub, v1.length);
                System.out.printf("file %d MiB, 1%% rewritten in one place%n", mib);
                System.out.printf("revision 1 through Xet: %,d bytes fetched (xorb ranges, compressed), %.2f s%n", rev1, cold);
                System.out.printf("revision 1 by plain HTTP (no Xet, parallel ranges): %.2f s%n", plainCold);
                System.out.printf("revision 2 through Xet with the chunk cache: %,d bytes fetched (%.2f %% of the file), %.2f s%n",
                        rev2, 100.0 * rev2 / v2.length, seconds);
                System.out.printf("revision 2 by plain HTTP (no Xet): %,d bytes fetched%n", plainRev2);
            }
            String python = System.getenv("HFHUB_PYTHON");
            if (python != null && !python.isBlank()) {
                reference(hub, python, work.resolve("python"), first, v1.length, Map.of());
                reference(hub, python, work.resolve("python-cache"), first, v1.length,
                        Map.of("HF_XET_CHUNK_CACHE_SIZE_BYTES", "10000000000"));
            }
        }
    }

    /**
     * The reference: the Python client with hf_xet downloads revision 1 then revision 2 from the same testkit, in a
     * fresh HF_HOME (so with its own Xet caches), with hf_xet's default settings plus {@code extraEnv}.
     */
    private static void reference(HubServer hub, String python, Path home, String first, long size,
            Map<String, String> extraEnv) throws Exception {
        String script = "import sys, time\n"
                + "from huggingface_hub import hf_hub_download\n"
                + "t = time.time(); hf_hub_download('bench/model', 'model.bin', revision=sys.argv[1])\n"
                + "print(f'{time.time() - t:.2f}', flush=True); sys.stdin.readline()\n"
                + "t = time.time(); hf_hub_download('bench/model', 'model.bin')\n"
                + "print(f'{time.time() - t:.2f}', flush=True)\n";
        ProcessBuilder builder = new ProcessBuilder(python, "-c", script, first).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().keySet().removeIf(k -> k.startsWith("HF_") || k.startsWith("HUGGINGFACE"));
        builder.environment().put("HF_ENDPOINT", hub.endpoint());
        builder.environment().put("HF_HOME", home.toString());
        builder.environment().put("HF_HUB_DISABLE_PROGRESS_BARS", "1");
        builder.environment().put("HF_HUB_DISABLE_TELEMETRY", "1");
        builder.environment().putAll(extraEnv);
        hub.clearRequests();
        Process process = builder.start();
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()));
        String cold = out.readLine();
        long rev1 = fetched(hub, size);
        hub.clearRequests();
        process.getOutputStream().write('\n');
        process.getOutputStream().flush();
        String warm = out.readLine();
        if (process.waitFor() != 0 || warm == null) {
            throw new IllegalStateException("the Python client failed");
        }
        long rev2 = fetched(hub, size);
        String setting = extraEnv.isEmpty() ? "hf_xet defaults" : "HF_XET_CHUNK_CACHE_SIZE_BYTES=10000000000";
        System.out.printf("reference, Python huggingface_hub + hf_xet (%s): revision 1 %,d bytes fetched, %s s;"
                + " revision 2 %,d bytes fetched (%.2f %% of the file), %s s%n",
                setting, rev1, cold, rev2, 100.0 * rev2 / size, warm);
    }

    private static HfHub client(HubServer hub, Path dir, boolean disableXet) {
        return HfHub.builder().environment(Map.of()).endpoint(hub.endpoint())
                .cacheDir(dir.resolve("hub")).xetCacheDir(dir.resolve("xet")).disableXet(disableXet).build();
    }

    /** Body bytes the CDN sent: xorb ranges, blob ranges, and whole blobs (200) of {@code size} bytes. */
    private static long fetched(HubServer hub, long size) {
        long total = 0;
        for (RecordedRequest r : hub.requests("cdn")) {
            if (r.status() == 206 && r.range() != null) {
                String[] span = r.range().substring("bytes=".length()).split("-");
                total += Long.parseLong(span[1]) - Long.parseLong(span[0]) + 1;
            } else if (r.status() == 200 && r.method().equals("GET")) {
                total += size;
            }
        }
        return total;
    }

    /** Like weights: a random byte and a small one in each 4-byte word, so LZ4 and byte grouping have work. */
    static byte[] weights(int n, long seed) {
        byte[] b = new byte[n];
        Random random = new Random(seed);
        for (int i = 0; i + 1 < n; i += 4) {
            b[i] = (byte) random.nextInt(256);
            b[i + 1] = (byte) random.nextInt(4);
        }
        return b;
    }
}
