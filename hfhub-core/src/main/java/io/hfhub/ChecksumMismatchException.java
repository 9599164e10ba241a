package io.hfhub;

/** The downloaded bytes do not match the size or hash the Hub announced, even after a fresh attempt. Nothing was put in the cache. */
public class ChecksumMismatchException extends HfHubException {
    public ChecksumMismatchException(String message) {
        super(message);
    }

    public ChecksumMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
