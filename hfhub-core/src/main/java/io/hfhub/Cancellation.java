package io.hfhub;

import java.util.function.Supplier;

/**
 * The one place where an interrupt of the calling thread becomes {@link DownloadCancelledException}. Inside, an
 * interrupt surfaces wherever the download happens to wait (a retry pause, the disk writer, a dropped connection,
 * a snapshot's workers) and each of those sets the thread's flag again; here, at the edge of the public API, a
 * failure with the flag set is the cancellation it is, whatever the inner step reported.
 */
final class Cancellation {
    private Cancellation() {}

    /** Runs {@code work}; {@code what} names it in the message ("the download of 'x' from 'org/repo'"). */
    static <T> T run(String what, Supplier<T> work) {
        if (Thread.currentThread().isInterrupted()) {
            throw new DownloadCancelledException(what + " was cancelled before it started: the thread is interrupted");
        }
        try {
            return work.get();
        } catch (DownloadCancelledException e) {
            throw e;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new DownloadCancelledException(what + " was cancelled: the thread was interrupted (bytes already"
                        + " fetched of a large file are kept, and the next download of it resumes from them)", e);
            }
            throw e;
        }
    }
}
