package io.hfhub.http;

import io.hfhub.config.Environment;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The HTTP spine, assembled in one place and in a fixed order, as OkHttp's own chain is:
 * retry (429/5xx/network, backoff, Retry-After) → redirects (by {@link RedirectPolicy}) → Hub headers
 * (User-Agent, identity encoding, token for the endpoint's origin only) → OkHttp's transport.
 *
 * <p>OkHttp was chosen by measurement (see the README): it streams at loopback speed with per-read
 * timeouts (our stall detector), while the JDK 17 {@code HttpClient} was several times slower with its
 * default buffers and forwards {@code Authorization} across hosts on redirects.
 */
public final class HubHttp implements AutoCloseable {
    private final OkHttpClient metadataClient;
    private final OkHttpClient downloadClient;
    private final HttpUrl endpoint;

    public HubHttp(String endpoint, String token, String userAgent, Duration etagTimeout, Duration downloadTimeout,
            RetryPolicy retryPolicy, Environment env, Pool pool) {
        this.endpoint = HttpUrl.get(endpoint);
        OkHttpClient base = new OkHttpClient.Builder()
                .dispatcher(pool.dispatcher())
                .connectionPool(pool.connections())
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(true)
                // HTTP/1.1 only: parallel ranges need separate TCP connections, one HTTP/2 connection is
                // throttled as one by CDNs.
                .protocols(java.util.List.of(Protocol.HTTP_1_1))
                .proxySelector(EnvProxySelector.from(env))
                .addInterceptor(new RetryInterceptor(retryPolicy))
                .addInterceptor(new RedirectInterceptor())
                .addInterceptor(new HubHeadersInterceptor(this.endpoint, token, userAgent))
                .build();
        this.metadataClient = base.newBuilder()
                .connectTimeout(etagTimeout).readTimeout(etagTimeout).writeTimeout(etagTimeout).build();
        this.downloadClient = base.newBuilder()
                .connectTimeout(downloadTimeout).readTimeout(downloadTimeout).writeTimeout(downloadTimeout).build();
    }

    /** The configured endpoint, without trailing slash. */
    public String endpoint() {
        String s = endpoint.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Runs a metadata request (HEAD, or an API GET) with the etag timeout. */
    public Response metadata(Request request) throws IOException {
        return metadataClient.newCall(request).execute();
    }

    /** Starts a download request with the download timeout, which also bounds every read (stall detection). */
    public Call download(Request request) {
        return downloadClient.newCall(request);
    }

    @Override
    public void close() {
        // the pool is shared with derived clients; its owner closes it
    }

    /**
     * Connections and dispatcher shared by an {@code HfHub} and the variants derived from it
     * ({@code hub.newBuilder()...build()}), as OkHttp clients derived with {@code newBuilder()} share theirs.
     */
    public record Pool(ConnectionPool connections, Dispatcher dispatcher) implements AutoCloseable {
        public static Pool create() {
            Dispatcher dispatcher = new Dispatcher();
            dispatcher.setMaxRequests(256);
            dispatcher.setMaxRequestsPerHost(64);
            return new Pool(new ConnectionPool(32, 5, TimeUnit.MINUTES), dispatcher);
        }

        @Override
        public void close() {
            dispatcher.executorService().shutdown();
            connections.evictAll();
        }
    }
}
