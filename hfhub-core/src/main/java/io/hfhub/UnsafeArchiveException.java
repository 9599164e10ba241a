package io.hfhub;

/** An archive entry would write outside its destination, through a link, or is a device or fifo; nothing was extracted. */
public class UnsafeArchiveException extends HfHubException {
    public UnsafeArchiveException(String message) {
        super(message);
    }

    public UnsafeArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
