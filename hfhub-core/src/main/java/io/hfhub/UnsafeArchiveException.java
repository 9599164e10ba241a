package io.hfhub;

/** An archive entry would write outside its destination, through a link, or is a device or fifo; nothing was extracted. */
public class UnsafeArchiveException extends HfHubException {
    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     */
    public UnsafeArchiveException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     * @param cause the underlying failure
     */
    public UnsafeArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
