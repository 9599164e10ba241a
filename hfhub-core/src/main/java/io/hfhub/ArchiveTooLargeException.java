package io.hfhub;

/** An archive crossed an extraction limit (total bytes, entry count or compression ratio): a likely decompression bomb. */
public class ArchiveTooLargeException extends HfHubException {
    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     */
    public ArchiveTooLargeException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     * @param cause the underlying failure
     */
    public ArchiveTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
