package io.hfhub;

/** The repository does not exist, or it is private and no valid token was sent (401/404 with `X-Error-Code: RepoNotFound`). */
public class RepositoryNotFoundException extends HfHttpException {
    public RepositoryNotFoundException(String message, int status, String serverMessage, String requestId) {
        super(message, status, serverMessage, requestId);
    }
}
