package io.hfhub;

/**
 * Receives the progress of downloads and extractions. Calls may come from any thread, for several files at
 * once; implementations must be thread-safe and quick. Every method has a no-op default, so a listener
 * overrides only what it needs. {@link #NONE} ignores everything.
 *
 * <p>{@code name} identifies the file: its path in the repository for a download, the archive's name for an
 * extraction, and {@code "<path> (extracting)"} for the extraction that follows a download with {@code extract}.
 */
public interface ProgressListener {
    /** A listener that ignores every event. */
    ProgressListener NONE = new ProgressListener() {};

    /**
     * A whole-repository download is about to fetch {@code files} files of {@code bytes} bytes in all (those
     * already cached not counted), so a display can show {@code n/N files} from the start.
     *
     * @param files the number of files to fetch
     * @param bytes their total size in bytes
     */
    default void planned(int files, long bytes) {}

    /**
     * A transfer starts. {@code total} is the expected size or -1; {@code alreadyDone} the bytes resumed.
     *
     * @param name the file (see the class comment)
     * @param total the expected size in bytes, or -1
     * @param alreadyDone bytes already there (a resumed download)
     */
    default void started(String name, long total, long alreadyDone) {}

    /**
     * {@code done} of {@code total} bytes are now on disk (for an extraction: written).
     *
     * @param name the file
     * @param done bytes done so far
     * @param total the expected size in bytes, or -1
     */
    default void progress(String name, long done, long total) {}

    /**
     * An attempt failed and will be retried after {@code delayMillis}; {@code reason} says why.
     *
     * @param name the file
     * @param attempt the number of the attempt that failed, from 1
     * @param reason why it failed, in words
     * @param delayMillis the wait before the next attempt
     */
    default void retrying(String name, int attempt, String reason, long delayMillis) {}

    /**
     * The Hub could not answer for {@code name} ({@code reason}: unreachable, failing, busy) and the copy already
     * in the cache is used instead, as the Python client does. Not called in offline mode, where that is the rule.
     *
     * @param name the file
     * @param reason why the Hub could not answer, in words
     */
    default void usingCache(String name, String reason) {}

    /**
     * The file is complete and verified at {@code total} bytes.
     *
     * @param name the file
     * @param total its size in bytes
     */
    default void finished(String name, long total) {}

    /**
     * The transfer gave up with {@code error}.
     *
     * @param name the file
     * @param error the failure the call throws
     */
    default void failed(String name, Throwable error) {}
}
