package io.hfhub;

/** The file is not in the local cache and the network may not be used (offline mode) or failed. */
public class LocalEntryNotFoundException extends HfHubException {
    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     */
    public LocalEntryNotFoundException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     * @param cause the underlying failure
     */
    public LocalEntryNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
