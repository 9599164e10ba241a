package io.hfhub.http;

import io.hfhub.config.Environment;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Proxies from {@code HTTPS_PROXY} / {@code HTTP_PROXY} / {@code NO_PROXY} (either case), as curl and the
 * Python client read them; falls back to the JVM's own selector ({@code https.proxyHost} and friends) when
 * none is set. A proxy URL's user info ({@code http://user:pass@proxy:3128}) becomes the route's Basic
 * credentials; the password is kept only inside the ready-made header value, never in a printable form.
 */
final class ProxySettings {
    private final ProxyRoute https;
    private final ProxyRoute http;
    private final NoProxy noProxy;
    private final ProxySelector fallback;

    private ProxySettings(ProxyRoute https, ProxyRoute http, NoProxy noProxy, ProxySelector fallback) {
        this.https = https;
        this.http = http;
        this.noProxy = noProxy;
        this.fallback = fallback;
    }

    /** The settings of this environment; the JVM's selector decides when no proxy variable is set. */
    static ProxySettings from(Environment env) {
        ProxyRoute https = parse(either(env, "HTTPS_PROXY"), "HTTPS_PROXY");
        ProxyRoute http = parse(either(env, "HTTP_PROXY"), "HTTP_PROXY");
        return new ProxySettings(https, http, NoProxy.parse(either(env, "NO_PROXY")), ProxySelector.getDefault());
    }

    /** The proxy credentials (header values), for redaction from any server text quoted in a message. */
    List<String> secrets() {
        List<String> secrets = new java.util.ArrayList<>();
        for (ProxyRoute route : new ProxyRoute[] {https, http}) {
            if (route != null && route.authorization() != null) {
                secrets.add(route.authorization().substring("Basic ".length()));
                if (!route.password().isEmpty()) {
                    secrets.add(route.password());
                }
            }
        }
        return secrets;
    }

    /** How to reach {@code uri}: straight, or through which proxy. */
    ProxyRoute route(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost();
        boolean secure = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        ProxyRoute chosen = secure ? https : http;
        if (https != null || http != null) {
            return chosen == null || noProxy.bypasses(host, port) ? ProxyRoute.DIRECT : chosen;
        }
        List<Proxy> jvm = fallback == null ? List.of() : fallback.select(uri);
        Proxy proxy = jvm.isEmpty() ? Proxy.NO_PROXY : jvm.get(0);
        if (proxy.type() == Proxy.Type.DIRECT || !(proxy.address() instanceof InetSocketAddress address)) {
            return ProxyRoute.DIRECT;
        }
        return new ProxyRoute(proxy, null, "the JVM's proxy settings", address.getHostString() + ":" + address.getPort());
    }

    private static String either(Environment env, String name) {
        String v = env.get(name);
        return v != null ? v : env.get(name.toLowerCase(Locale.ROOT));
    }

    private static ProxyRoute parse(String value, String variable) {
        if (value == null) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(value.contains("://") ? value.trim() : "http://" + value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " is not a proxy URL");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(variable + " names no proxy host");
        }
        // without a port: 80, as Python's urllib3 assumes (curl would say 1080)
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(uri.getHost(), port));
        String hostPort = (uri.getHost().contains(":") ? "[" + uri.getHost() + "]" : uri.getHost()) + ":" + port;
        return new ProxyRoute(proxy, basicAuthorization(uri.getRawUserInfo()), variable, hostPort);
    }

    /** {@code Basic base64(user:password)} from percent-encoded user info, as curl decodes it. */
    private static String basicAuthorization(String rawUserInfo) {
        if (rawUserInfo == null || rawUserInfo.isEmpty()) {
            return null;
        }
        int colon = rawUserInfo.indexOf(':');
        String user = decode(colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon));
        String password = colon < 0 ? "" : decode(rawUserInfo.substring(colon + 1));
        byte[] pair = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
