package io.hfhub;

/**
 * Forwards an extraction's events to the download's listener under a name of their own
 * ({@code "images.tar.gz (extracting)"}), so a listener can tell the bytes written by the extraction from the
 * bytes downloaded.
 */
final class ExtractionProgress implements ProgressListener {
    private final ProgressListener delegate;

    ExtractionProgress(ProgressListener delegate) {
        this.delegate = delegate;
    }

    static String nameOf(String archive) {
        return archive + " (extracting)";
    }

    @Override
    public void started(String name, long total, long alreadyDone) {
        delegate.started(nameOf(name), total, alreadyDone);
    }

    @Override
    public void progress(String name, long done, long total) {
        delegate.progress(nameOf(name), done, total);
    }

    @Override
    public void retrying(String name, int attempt, String reason, long delayMillis) {
        delegate.retrying(nameOf(name), attempt, reason, delayMillis);
    }

    @Override
    public void finished(String name, long total) {
        delegate.finished(nameOf(name), total);
    }

    @Override
    public void failed(String name, Throwable error) {
        delegate.failed(nameOf(name), error);
    }
}
