package io.hfhub;

/** The file is not in the local cache and the network may not be used (offline mode) or failed. */
public class LocalEntryNotFoundException extends HfHubException {
    public LocalEntryNotFoundException(String message) {
        super(message);
    }

    public LocalEntryNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
