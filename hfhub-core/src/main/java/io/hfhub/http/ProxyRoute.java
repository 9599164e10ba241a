package io.hfhub.http;

import java.net.InetSocketAddress;
import java.net.Proxy;

/**
 * How one request reaches its server: straight ({@link #DIRECT}) or through an HTTP proxy.
 *
 * @param proxy         the JDK's proxy value
 * @param authorization the {@code Proxy-Authorization} value from the proxy URL's user info, or null; it
 *                      holds the password, so it is never printed
 * @param source        where the proxy came from ({@code HTTPS_PROXY}, ...), for messages
 * @param hostPort      the proxy's {@code host:port}, for messages (never the user info)
 */
record ProxyRoute(Proxy proxy, String authorization, String source, String hostPort) {
    static final ProxyRoute DIRECT = new ProxyRoute(Proxy.NO_PROXY, null, null, null);

    boolean isDirect() {
        return proxy.type() == Proxy.Type.DIRECT;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) proxy.address();
    }

    /** The password inside {@link #authorization()} (empty when none), only to redact it from server text. */
    String password() {
        if (authorization == null) {
            return "";
        }
        String pair = new String(java.util.Base64.getDecoder().decode(authorization.substring("Basic ".length())),
                java.nio.charset.StandardCharsets.UTF_8);
        return pair.substring(pair.indexOf(':') + 1);
    }

    /** "the proxy proxy.corp:3128 (from HTTPS_PROXY)". */
    String describe() {
        return "the proxy " + hostPort + " (from " + source + ")";
    }

    @Override
    public String toString() {
        return isDirect() ? "ProxyRoute[DIRECT]" : "ProxyRoute[" + hostPort + ", from " + source
                + (authorization != null ? ", with credentials" : "") + "]";
    }
}
