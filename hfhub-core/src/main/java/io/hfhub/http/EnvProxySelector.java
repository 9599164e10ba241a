package io.hfhub.http;

import io.hfhub.config.Environment;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Proxies from {@code HTTPS_PROXY} / {@code HTTP_PROXY} / {@code NO_PROXY} (either case), as curl and the
 * Python client read them; falls back to the JVM's own selector ({@code https.proxyHost} and friends) when
 * none is set.
 */
final class EnvProxySelector extends ProxySelector {
    private final Proxy https;
    private final Proxy http;
    private final List<String> noProxy;
    private final ProxySelector fallback;

    private EnvProxySelector(Proxy https, Proxy http, List<String> noProxy, ProxySelector fallback) {
        this.https = https;
        this.http = http;
        this.noProxy = noProxy;
        this.fallback = fallback;
    }

    /** The selector for this environment, or the JVM default when no proxy variable is set. */
    static ProxySelector from(Environment env) {
        Proxy https = parse(either(env, "HTTPS_PROXY"));
        Proxy http = parse(either(env, "HTTP_PROXY"));
        ProxySelector jvm = ProxySelector.getDefault();
        if (https == null && http == null) {
            return jvm;
        }
        String no = either(env, "NO_PROXY");
        List<String> noProxy = no == null ? List.of()
                : List.of(no.toLowerCase(Locale.ROOT).replace(" ", "").split(","));
        return new EnvProxySelector(https, http, noProxy, jvm);
    }

    @Override
    public List<Proxy> select(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (bypass(host)) {
            return List.of(Proxy.NO_PROXY);
        }
        Proxy chosen = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
        if (chosen != null) {
            return List.of(chosen);
        }
        return fallback != null ? fallback.select(uri) : List.of(Proxy.NO_PROXY);
    }

    private boolean bypass(String host) {
        for (String entry : noProxy) {
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                return true;
            }
            String suffix = entry.startsWith(".") ? entry.substring(1) : entry;
            if (host.equals(suffix) || host.endsWith("." + suffix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // nothing to remember: the retry policy handles the failure
    }

    private static String either(Environment env, String name) {
        String v = env.get(name);
        return v != null ? v : env.get(name.toLowerCase(Locale.ROOT));
    }

    private static Proxy parse(String value) {
        if (value == null) {
            return null;
        }
        URI uri = URI.create(value.contains("://") ? value : "http://" + value);
        int port = uri.getPort() != -1 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
        return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(uri.getHost(), port));
    }
}
