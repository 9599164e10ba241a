package io.hfhub.http;

import java.io.IOException;

/**
 * A failure of the proxy itself, raised inside a connection attempt (where only {@link IOException}s travel)
 * and turned into the public {@link io.hfhub.ProxyException} by {@link ConnectionFailures}.
 */
final class ProxyFailure extends IOException {
    enum Kind { UNREACHABLE, AUTHENTICATION, TUNNEL_REFUSED }

    final Kind kind;
    final int status;

    ProxyFailure(Kind kind, int status, Throwable cause) {
        super("proxy failure " + kind + (status > 0 ? " (HTTP " + status + ")" : ""), cause);
        this.kind = kind;
        this.status = status;
    }
}
