package io.hfhub;

/**
 * The download was cancelled: the calling thread was interrupted ({@link Thread#interrupt()}, or
 * {@code future.cancel(true)} on a future of {@link HfHub#downloadAsync}). The thread's interrupt flag is set again
 * when this is thrown. Nothing unverified reached the cache; the bytes already fetched of a large file stay in its
 * partial file, and the next download of the same file continues from them.
 */
public class DownloadCancelledException extends HfHubException {
    public DownloadCancelledException(String message) {
        super(message);
    }

    public DownloadCancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}
