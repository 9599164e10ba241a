package io.hfhub;

/** The repository exists but not the revision (branch, tag, commit or PR ref) asked for (404 `X-Error-Code: RevisionNotFound`). */
public class RevisionNotFoundException extends HfHttpException {
    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     * @param status the HTTP status of the failed response
     * @param serverMessage the server's own explanation, or null
     * @param requestId the request id the server gave, or null
     */
    public RevisionNotFoundException(String message, int status, String serverMessage, String requestId) {
        super(message, status, serverMessage, requestId);
    }
}
