package io.hfhub.http;

import io.hfhub.config.Environment;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The HTTP spine, assembled in one place and in a fixed order: retry (429/5xx/network, backoff, Retry-After) →
 * redirects (by {@link RedirectPolicy}) → Hub headers (User-Agent, identity encoding, the token for the
 * endpoint's origin only) → one DEBUG log event per exchange → the transport. Metadata requests run with the
 * etag timeout, downloads with the download timeout, which also bounds the wait for every byte (stall detection).
 */
public final class HubHttp {
    private final String endpoint;
    private final List<String> secrets;
    private final List<Interceptor> interceptors;
    private final ProxySettings proxies;
    private final UrlConnectionTransport transport;
    private final SocketTransport sockets;
    private final Duration etagTimeout;
    private final Duration downloadTimeout;

    /**
     * @param sslContext the TLS context to use as it is, or null for the JVM's default trust plus the PEM
     *                   bundles of {@code REQUESTS_CA_BUNDLE}, {@code CURL_CA_BUNDLE}, {@code SSL_CERT_FILE}
     *                   and {@code SSL_CERT_DIR}
     * @param caBundle   a PEM file trusted in addition to those, or null
     */
    public HubHttp(Endpoint endpoint, String token, String userAgent, Duration etagTimeout, Duration downloadTimeout,
            RetryPolicy retryPolicy, Environment env, SSLContext sslContext, Path caBundle) {
        this(endpoint, token, userAgent, etagTimeout, downloadTimeout, retryPolicy, env, sslContext, caBundle,
                SocketTransport.MAX_IDLE);
    }

    /** The same, with idle kept-alive connections closed after {@code maxIdle} instead of {@link SocketTransport#MAX_IDLE}. */
    HubHttp(Endpoint endpoint, String token, String userAgent, Duration etagTimeout, Duration downloadTimeout,
            RetryPolicy retryPolicy, Environment env, SSLContext sslContext, Path caBundle, Duration maxIdle) {
        this.sockets = new SocketTransport(maxIdle);
        this.endpoint = endpoint.url();
        this.proxies = ProxySettings.from(env);
        List<String> known = new ArrayList<>(endpoint.secrets());
        known.addAll(proxies.secrets());
        if (token != null) {
            known.add(token);
        }
        this.secrets = List.copyOf(known);
        this.etagTimeout = etagTimeout;
        this.downloadTimeout = downloadTimeout;
        this.interceptors = List.of(
                new RetryInterceptor(retryPolicy, secrets),
                new RedirectInterceptor(this.endpoint, secrets),
                new HubHeadersInterceptor(endpoint, token, userAgent),
                new HttpLogInterceptor(secrets));
        this.transport = new UrlConnectionTransport(proxies, TlsTrust.socketFactory(env, sslContext, caBundle));
    }

    /** The configured endpoint, without trailing slash. */
    public String endpoint() {
        return endpoint;
    }

    /** The secrets this client holds (token, endpoint password): redacted from any server text it quotes. */
    public List<String> secrets() {
        return secrets;
    }

    /**
     * Whether a download of {@code url} comes with a {@link BodyChannel} ({@link HubResponse#channel()}): plain HTTP
     * without a proxy, which the socket transport serves (a chunked body excepted: its channel is null).
     */
    public boolean offersChannel(String url) {
        return SocketTransport.carries(HubRequest.get(url).build(), true, proxies);
    }

    /**
     * Closes the idle kept-alive connections of the socket transport (the JDK's own cache expires its by itself).
     * The client stays usable: a later request opens a new connection.
     */
    public void closeIdleConnections() {
        sockets.closeIdle();
    }

    /** Runs a metadata request (HEAD, or an API GET) with the etag timeout. */
    public HubResponse metadata(HubRequest request) throws IOException {
        return new HubCall(this, request, false).execute();
    }

    /** A download request with the download timeout; {@link HubCall#cancel()} can stop it from another thread. */
    public HubCall download(HubRequest request) {
        return new HubCall(this, request, true);
    }

    HubResponse run(HubCall call, HubRequest request, boolean download) throws IOException {
        Duration timeout = download ? downloadTimeout : etagTimeout;
        return new Stage(0, request, call, timeout).proceed(request);
    }

    /** The chain from stage {@code index} on. */
    private final class Stage implements Interceptor.Chain {
        private final int index;
        private final HubRequest request;
        private final HubCall call;
        private final Duration timeout;

        Stage(int index, HubRequest request, HubCall call, Duration timeout) {
            this.index = index;
            this.request = request;
            this.call = call;
            this.timeout = timeout;
        }

        @Override
        public HubRequest request() {
            return request;
        }

        @Override
        public HubResponse proceed(HubRequest next) throws IOException {
            if (index == interceptors.size()) {
                return SocketTransport.carries(next, call.isDownload(), proxies) ? sockets.execute(next, timeout, call)
                        : transport.execute(next, timeout, call);
            }
            return interceptors.get(index).intercept(new Stage(index + 1, next, call, timeout));
        }
    }
}
