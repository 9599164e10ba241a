package io.hfhub;

/**
 * A proxy in the way failed: it could not be reached, it asked for credentials (or refused the ones in the
 * proxy URL), or it refused to open a tunnel. Names the proxy by host and port, never by its credentials.
 * Raised instead of falling back to the cache, as the Python client does: a broken proxy setting is not an
 * outage to ride out.
 */
public class ProxyException extends HfHubException {
    /** What went wrong with the proxy. */
    public enum Reason {
        /** The proxy's host or port did not answer. */
        UNREACHABLE,
        /** The proxy answered 407: credentials missing or wrong. */
        AUTHENTICATION_REQUIRED,
        /** The proxy answered the tunnel request with another error. */
        TUNNEL_REFUSED
    }

    /** Why it failed. */
    private final Reason reason;
    /** The proxy, {@code host:port}. */
    private final String proxy;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     * @param reason why it failed
     * @param proxy the proxy, as {@code host:port}
     * @param cause the underlying failure
     */
    public ProxyException(String message, Reason reason, String proxy, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.proxy = proxy;
    }

    /**
     * The kind of failure.
     *
     * @return why the proxy failed
     */
    public Reason reason() {
        return reason;
    }

    /** {@return the proxy's {@code host:port}} */
    public String proxy() {
        return proxy;
    }
}
