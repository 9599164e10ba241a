package io.hfhub;

/** The server's metadata response lacks a commit, an etag or a size: the endpoint does not look like a Hub. */
public class FileMetadataException extends HfHubException {
    public FileMetadataException(String message) {
        super(message);
    }

    public FileMetadataException(String message, Throwable cause) {
        super(message, cause);
    }
}
