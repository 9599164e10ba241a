package io.hfhub;

/** An archive crossed an extraction limit (total bytes, entry count or compression ratio): a likely decompression bomb. */
public class ArchiveTooLargeException extends HfHubException {
    public ArchiveTooLargeException(String message) {
        super(message);
    }

    public ArchiveTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
