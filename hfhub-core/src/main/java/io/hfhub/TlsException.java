package io.hfhub;

/**
 * A TLS handshake failed: the server's certificate is not trusted, does not name the host, or the handshake
 * broke otherwise. Names the host. Raised at once (never retried, never answered from the cache): a certificate
 * does not fix itself, and a TLS-inspecting proxy needs its CA in {@code REQUESTS_CA_BUNDLE} or
 * {@code SSL_CERT_FILE}.
 */
public class TlsException extends HfHubException {
    /** Why the handshake failed. */
    public enum Reason {
        /** No trusted CA signed the certificate chain (or it expired). */
        UNTRUSTED_CERTIFICATE,
        /** The certificate is valid but names other hosts. */
        HOSTNAME_MISMATCH,
        /** Any other handshake failure (protocol versions, cipher suites, a non-TLS server). */
        HANDSHAKE_FAILED
    }

    /** Why it failed. */
    private final Reason reason;
    /** The host. */
    private final String host;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     * @param reason why it failed
     * @param host the host whose certificate failed
     * @param cause the underlying failure
     */
    public TlsException(String message, Reason reason, String host, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.host = host;
    }

    /**
     * The kind of failure.
     *
     * @return why the handshake failed
     */
    public Reason reason() {
        return reason;
    }

    /** {@return the host whose certificate failed} */
    public String host() {
        return host;
    }
}
