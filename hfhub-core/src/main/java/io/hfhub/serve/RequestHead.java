package io.hfhub.serve;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP/1.x request line and headers, as {@link RequestReader} parsed them from a client.
 *
 * @param method the request method, e.g. {@code GET}
 * @param rawPath the target's path, still percent-encoded
 * @param rawQuery the target's query without {@code ?}, or null
 * @param http10 whether the client speaks HTTP/1.0 (no persistent connection then)
 * @param headers the header fields by case-insensitive name; the first one wins when a name repeats
 * @param hasBody whether a body follows ({@code Content-Length} above 0 or any {@code Transfer-Encoding})
 */
record RequestHead(String method, String rawPath, String rawQuery, boolean http10, Map<String, String> headers,
        boolean hasBody) implements RequestReader.Result {
    RequestHead {
        Map<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        headers = Collections.unmodifiableMap(copy);
    }

    /** Whether the client asks for the connection to be closed after the response. */
    boolean wantsClose() {
        String connection = header("Connection");
        return http10 || (connection != null && connection.toLowerCase(Locale.ROOT).contains("close"));
    }

    /** The first value of a header, by case-insensitive name, or null. */
    String header(String name) {
        return headers.get(name);
    }
}
