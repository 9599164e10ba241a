package io.hfhub.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Map;

/** An exchange over the JDK's {@link HttpURLConnection}: streams only, kept alive by the JDK when fully read. */
final class UrlConnectionExchange implements Exchange {
    private final HttpURLConnection connection;
    private final int code;
    private final Map<String, List<String>> headers;

    UrlConnectionExchange(HttpURLConnection connection, int code) {
        this.connection = connection;
        this.code = code;
        this.headers = connection.getHeaderFields();
    }

    @Override
    public String header(String name) {
        // the JDK lists a repeated header's values last first
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    @Override
    public InputStream openBody() throws IOException {
        InputStream stream = code >= 400 ? connection.getErrorStream() : connection.getInputStream();
        return stream != null ? stream : InputStream.nullInputStream();
    }

    @Override
    public BodyChannel channel() {
        return null;
    }

    @Override
    public void cancel() {
        connection.disconnect();
    }
}
