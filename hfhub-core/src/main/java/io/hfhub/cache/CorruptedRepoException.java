package io.hfhub.cache;

/** Internal signal from {@link RepoScanner}: this repository folder cannot be read and is skipped. */
final class CorruptedRepoException extends Exception {
    CorruptedRepoException(String message) {
        super(message, null, false, false);
    }
}
