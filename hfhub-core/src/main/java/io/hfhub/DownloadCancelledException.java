package io.hfhub;

/**
 * The download was cancelled: the calling thread was interrupted ({@link Thread#interrupt()}, or
 * {@code future.cancel(true)} on a future of {@link HfHub#downloadAsync}). The thread's interrupt flag is set again
 * when this is thrown. Nothing unverified reached the cache; the bytes already fetched of a large file stay in its
 * partial file, and the next download of the same file continues from them.
 */
public class DownloadCancelledException extends HfHubException {
    /** @param message what was cancelled */
    public DownloadCancelledException(String message) {
        super(message);
    }

    /**
     * @param message what was cancelled
     * @param cause   the failure the interrupt caused inside the download
     */
    public DownloadCancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}
