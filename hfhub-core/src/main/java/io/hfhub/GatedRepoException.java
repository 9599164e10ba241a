package io.hfhub;

/** The repository is gated: the user must accept its conditions on the Hub, then use a token (403 `X-Error-Code: GatedRepo`). */
public class GatedRepoException extends HfHttpException {
    public GatedRepoException(String message, int status, String serverMessage, String requestId) {
        super(message, status, serverMessage, requestId);
    }
}
