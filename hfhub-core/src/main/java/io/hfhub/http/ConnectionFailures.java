package io.hfhub.http;

import io.hfhub.HfHubException;
import io.hfhub.ProxyException;
import io.hfhub.TlsException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Which connection failures are not network weather but a setting to fix: a proxy that cannot be reached or
 * wants credentials, a certificate that is not trusted or names another host. Those become typed exceptions
 * naming the host (never retried, never answered from the cache); every other failure stays an
 * {@link IOException} for the retry policy.
 */
final class ConnectionFailures {
    private ConnectionFailures() {}

    /** The typed exception for {@code failure} on a request to {@code host} by {@code route}, or null. */
    static HfHubException classify(IOException failure, String host, ProxyRoute route) {
        ProxyFailure proxy = find(failure, ProxyFailure.class);
        if (proxy != null) {
            return proxyException(proxy.kind, proxy.status, route, failure);
        }
        if (!route.isDirect() && (failure instanceof ConnectException || failure instanceof UnknownHostException)) {
            // through a proxy the JDK connects to, and looks up, the proxy only: the failure is the proxy's
            return proxyException(ProxyFailure.Kind.UNREACHABLE, 0, route, failure);
        }
        if (failure instanceof SSLHandshakeException || failure instanceof SSLPeerUnverifiedException) {
            return tlsException(failure, host);
        }
        return null;
    }

    /** The typed exception for a 407 answered to a plain-HTTP request through a proxy. */
    static ProxyException authenticationRequired(ProxyRoute route) {
        return proxyException(ProxyFailure.Kind.AUTHENTICATION, 407, route, null);
    }

    private static ProxyException proxyException(ProxyFailure.Kind kind, int status, ProxyRoute route, Throwable cause) {
        String proxy = route.describe();
        return switch (kind) {
            case UNREACHABLE -> new ProxyException("could not connect to " + proxy + ": check the proxy URL, or exempt"
                    + " the host with NO_PROXY", ProxyException.Reason.UNREACHABLE, route.hostPort(), cause);
            case AUTHENTICATION -> new ProxyException(proxy + " asked for credentials (HTTP " + status + "): "
                    + (route.authorization() == null ? "put them in the proxy URL, http://user:password@host:port"
                    : "it refused the user and password of the proxy URL"),
                    ProxyException.Reason.AUTHENTICATION_REQUIRED, route.hostPort(), cause);
            case TUNNEL_REFUSED -> new ProxyException(proxy + " refused to open a tunnel"
                    + (status > 0 ? " (HTTP " + status + ")" : ": its answer was not HTTP"),
                    ProxyException.Reason.TUNNEL_REFUSED, route.hostPort(), cause);
        };
    }

    private static TlsException tlsException(IOException failure, String host) {
        if (find(failure, CertificateExpiredException.class) != null) {
            return new TlsException("the TLS certificate of " + host + " has expired", TlsException.Reason.UNTRUSTED_CERTIFICATE,
                    host, failure);
        }
        if (find(failure, CertPathBuilderException.class) != null || find(failure, CertPathValidatorException.class) != null) {
            return new TlsException("the TLS certificate of " + host + " is not signed by a trusted CA: if a proxy"
                    + " or mirror re-signs TLS, put its CA certificate (PEM) in REQUESTS_CA_BUNDLE or SSL_CERT_FILE,"
                    + " or pass an SSLContext to the builder", TlsException.Reason.UNTRUSTED_CERTIFICATE, host, failure);
        }
        CertificateException certificate = find(failure, CertificateException.class);
        if (certificate != null && String.valueOf(certificate.getMessage()).contains("matching")) {
            // the JDK's HostnameChecker: "No subject alternative names matching IP address … found"
            return new TlsException("the TLS certificate of " + host + " is for other host names: check the"
                    + " endpoint's host name", TlsException.Reason.HOSTNAME_MISMATCH, host, failure);
        }
        return new TlsException("the TLS handshake with " + host + " failed (" + failure.getMessage() + ")",
                TlsException.Reason.HANDSHAKE_FAILED, host, failure);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
