package io.hfhub;

/** Not enough free disk space for the file; the partial file, if any, is kept for a later resume. */
public class InsufficientDiskSpaceException extends HfHubException {
    public InsufficientDiskSpaceException(String message) {
        super(message);
    }

    public InsufficientDiskSpaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
