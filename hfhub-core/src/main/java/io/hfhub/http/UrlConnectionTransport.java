package io.hfhub.http;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import io.hfhub.HfHubException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;

/**
 * The last stage: one HTTP exchange over the JDK's {@link HttpURLConnection}, which never follows redirects
 * here (the spine does) and keeps connections alive between requests. Chosen by measurement (see the README):
 * it reads the socket straight into the caller's buffer, which made the whole download pipeline a quarter
 * faster than OkHttp's segment copies on this machine; the JDK 17 {@code HttpClient} was slower still.
 */
final class UrlConnectionTransport {
    private final ProxySettings proxies;
    private final SSLSocketFactory tls;
    /** One tunnel factory per proxy: the JDK pools kept-alive HTTPS connections by factory. */
    private final Map<ProxyRoute, ProxyTunnel> tunnels = new ConcurrentHashMap<>();

    UrlConnectionTransport(ProxySettings proxies, SSLSocketFactory tls) {
        this.proxies = proxies;
        this.tls = tls;
    }

    HubResponse execute(HubRequest request, Duration timeout, HubCall call) throws IOException {
        call.checkNotCancelled();
        URI uri = URI.create(request.url());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            // a hostile redirect to file:, jar: or ftp: must never reach URL.openConnection
            throw new java.net.ProtocolException("refusing to fetch a " + (scheme.isEmpty() ? "relative" : scheme + ":") + " URL");
        }
        URL url = uri.toURL();
        ProxyRoute route = proxies.route(uri);
        HttpURLConnection connection = open(url, route);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        connection.setConnectTimeout(millis);
        connection.setReadTimeout(millis); // also the stall detector: no byte for this long fails the read
        connection.setRequestMethod(request.method());
        connection.setRequestProperty("Accept", "*/*");
        for (Map.Entry<String, String> header : request.headers().entrySet()) {
            connection.setRequestProperty(header.getKey(), header.getValue());
        }
        int code;
        try {
            code = connection.getResponseCode();
        } catch (IOException e) {
            connection.disconnect();
            HfHubException typed = ConnectionFailures.classify(e, uri.getHost(), route);
            if (typed != null) {
                throw typed;
            }
            throw e;
        }
        if (code == 407 && !route.isDirect()) {
            connection.disconnect();
            throw ConnectionFailures.authenticationRequired(route);
        }
        if (code < 0) {
            connection.disconnect();
            throw new IOException("not an HTTP response from " + uri.getHost());
        }
        HubResponse response = new HubResponse(request, code, new UrlConnectionExchange(connection, code));
        call.opened(response);
        return response;
    }

    /**
     * A connection by {@code route}: HTTPS through a proxy goes DIRECT over our own tunnel (see
     * {@link ProxyTunnel}); plain HTTP through a proxy carries the credentials as a request header, which the
     * JDK sends to the proxy.
     */
    private HttpURLConnection open(URL url, ProxyRoute route) throws IOException {
        boolean https = url.getProtocol().equalsIgnoreCase("https");
        boolean httpProxy = route.proxy().type() == Proxy.Type.HTTP; // SOCKS, from the JVM settings, is left to the JDK
        if (https && httpProxy) {
            HttpsURLConnection connection = (HttpsURLConnection) url.openConnection(Proxy.NO_PROXY);
            connection.setSSLSocketFactory(tunnels.computeIfAbsent(route, r -> new ProxyTunnel(tls, r)));
            return connection;
        }
        HttpURLConnection connection = (HttpURLConnection) url.openConnection(route.proxy());
        if (connection instanceof HttpsURLConnection secure) {
            secure.setSSLSocketFactory(tls);
        } else if (httpProxy && route.authorization() != null) {
            connection.setRequestProperty("Proxy-Authorization", route.authorization());
        }
        return connection;
    }
}
