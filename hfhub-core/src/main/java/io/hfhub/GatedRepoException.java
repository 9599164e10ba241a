package io.hfhub;

/** The repository is gated: the user must accept its conditions on the Hub, then use a token (403 `X-Error-Code: GatedRepo`). */
public class GatedRepoException extends HfHttpException {
    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     * @param status the HTTP status of the failed response
     * @param serverMessage the server's own explanation, or null
     * @param requestId the request id the server gave, or null
     */
    public GatedRepoException(String message, int status, String serverMessage, String requestId) {
        super(message, status, serverMessage, requestId);
    }
}
