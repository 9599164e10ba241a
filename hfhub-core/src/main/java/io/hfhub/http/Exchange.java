package io.hfhub.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * One answered request as a transport holds it, behind {@link HubResponse}: the JDK's
 * {@link java.net.HttpURLConnection} ({@link UrlConnectionExchange}) or our own socket ({@link SocketExchange}).
 */
interface Exchange {
    /** The value of a header, case-insensitively, or null; of a repeated header, the last one (as the JDK's). */
    String header(String name);

    /** The body as a stream; called once. Closing it releases the exchange. */
    InputStream openBody() throws IOException;

    /** The body as a channel into the caller's buffers, or null when this exchange has none. */
    BodyChannel channel();

    /** Drops the connection: a blocked read in another thread fails at once. */
    void cancel();
}
