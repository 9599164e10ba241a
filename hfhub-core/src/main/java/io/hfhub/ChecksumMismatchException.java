package io.hfhub;

/** The downloaded bytes do not match the size or hash the Hub announced, even after a fresh attempt. Nothing was put in the cache. */
public class ChecksumMismatchException extends HfHubException {
    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     */
    public ChecksumMismatchException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     * @param cause the underlying failure
     */
    public ChecksumMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
