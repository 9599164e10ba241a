package io.hfhub;

import io.hfhub.text.ServerText;

/**
 * The root of every failure hfhub reports. Unchecked; each subclass's message says what happened and what
 * to do next. Messages never contain a secret: every message passes through {@link ServerText#redact(String)} (the
 * shapes of tokens, credentials, URL passwords and signed query strings) and {@link ServerText#escape(String)}
 * (no control character reaches a terminal), whatever it was built from; server text is also redacted of the
 * client's own token where it is quoted.
 */
public class HfHubException extends RuntimeException {
    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     */
    public HfHubException(String message) {
        super(safe(message));
    }

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     * @param cause the underlying failure
     */
    public HfHubException(String message, Throwable cause) {
        super(safe(message), cause);
    }

    private static String safe(String message) {
        return ServerText.escape(ServerText.redact(message));
    }
}
