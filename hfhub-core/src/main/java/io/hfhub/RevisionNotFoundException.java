package io.hfhub;

/** The repository exists but not the revision (branch, tag, commit or PR ref) asked for (404 `X-Error-Code: RevisionNotFound`). */
public class RevisionNotFoundException extends HfHttpException {
    public RevisionNotFoundException(String message, int status, String serverMessage, String requestId) {
        super(message, status, serverMessage, requestId);
    }
}
