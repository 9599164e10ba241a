package io.hfhub;

/** The repository and revision exist but the file does not (404 `X-Error-Code: EntryNotFound`). */
public class EntryNotFoundException extends HfHttpException {
    public EntryNotFoundException(String message, int status, String serverMessage, String requestId) {
        super(message, status, serverMessage, requestId);
    }
}
