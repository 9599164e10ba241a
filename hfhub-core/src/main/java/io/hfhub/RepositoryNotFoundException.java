package io.hfhub;

/** The repository does not exist, or it is private and no valid token was sent (401/404 with `X-Error-Code: RepoNotFound`). */
public class RepositoryNotFoundException extends HfHttpException {
    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     * @param status the HTTP status of the failed response
     * @param serverMessage the server's own explanation, or null
     * @param requestId the request id the server gave, or null
     */
    public RepositoryNotFoundException(String message, int status, String serverMessage, String requestId) {
        super(message, status, serverMessage, requestId);
    }
}
