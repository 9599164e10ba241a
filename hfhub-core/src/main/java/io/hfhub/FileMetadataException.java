package io.hfhub;

/** The server's metadata response lacks a commit, an etag or a size: the endpoint does not look like a Hub. */
public class FileMetadataException extends HfHubException {
    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     */
    public FileMetadataException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     * @param cause the underlying failure
     */
    public FileMetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
