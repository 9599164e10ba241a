package io.hfhub.http;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The last stage: one HTTP exchange over the JDK's {@link HttpURLConnection}, which never follows redirects
 * here (the spine does) and keeps connections alive between requests. Chosen by measurement (see the README):
 * it reads the socket straight into the caller's buffer, which made the whole download pipeline a quarter
 * faster than OkHttp's segment copies on this machine; the JDK 17 {@code HttpClient} was slower still.
 */
final class UrlConnectionTransport {
    private final ProxySelector proxies;

    UrlConnectionTransport(ProxySelector proxies) {
        this.proxies = proxies;
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
        List<Proxy> candidates = proxies == null ? List.of() : proxies.select(uri);
        Proxy proxy = candidates.isEmpty() ? Proxy.NO_PROXY : candidates.get(0);
        HttpURLConnection connection = (HttpURLConnection) url.openConnection(proxy);
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
            throw e;
        }
        if (code < 0) {
            connection.disconnect();
            throw new IOException("not an HTTP response from " + uri.getHost());
        }
        HubResponse response = new HubResponse(request, connection, code);
        call.opened(response);
        return response;
    }
}
