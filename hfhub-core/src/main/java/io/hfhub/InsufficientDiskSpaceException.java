package io.hfhub;

/** Not enough free disk space for the file; the partial file, if any, is kept for a later resume. */
public class InsufficientDiskSpaceException extends HfHubException {
    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     */
    public InsufficientDiskSpaceException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     * @param cause the underlying failure
     */
    public InsufficientDiskSpaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
