package io.hfhub;

/** The repository and revision exist but the file does not (404 `X-Error-Code: EntryNotFound`). */
public class EntryNotFoundException extends HfHttpException {
    /** The resolved commit, or null. */
    private final String commit;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     * @param status the HTTP status of the failed response
     * @param serverMessage the server's own explanation, or null
     * @param requestId the request id the server gave, or null
     */
    public EntryNotFoundException(String message, int status, String serverMessage, String requestId) {
        this(message, status, serverMessage, requestId, null);
    }

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     * @param status the HTTP status of the failed response
     * @param serverMessage the server's own explanation, or null
     * @param requestId the request id the server gave, or null
     * @param commit the commit the Hub resolved the revision to ({@code X-Repo-Commit}), or null
     */
    public EntryNotFoundException(String message, int status, String serverMessage, String requestId, String commit) {
        super(message, status, serverMessage, requestId);
        this.commit = commit;
    }

    /** {@return the commit the Hub resolved the revision to ({@code X-Repo-Commit} of the 404), or null} */
    public String commit() {
        return commit;
    }
}
