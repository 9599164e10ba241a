package io.hfhub;

/** The repository and revision exist but the file does not (404 `X-Error-Code: EntryNotFound`). */
public class EntryNotFoundException extends HfHttpException {
    private final String commit;

    public EntryNotFoundException(String message, int status, String serverMessage, String requestId) {
        this(message, status, serverMessage, requestId, null);
    }

    public EntryNotFoundException(String message, int status, String serverMessage, String requestId, String commit) {
        super(message, status, serverMessage, requestId);
        this.commit = commit;
    }

    /** The commit the Hub resolved the revision to ({@code X-Repo-Commit} of the 404), or null. */
    public String commit() {
        return commit;
    }
}
