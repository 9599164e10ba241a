package io.hfhub;

/**
 * The server answered with an error status. Carries the status, the server's {@code X-Error-Message}
 * (or the error text of its JSON body) and the request id, so a user can report it.
 */
public class HfHttpException extends HfHubException {
    private final int status;
    private final String serverMessage;
    private final String requestId;

    public HfHttpException(String message, int status, String serverMessage, String requestId) {
        super(message);
        this.status = status;
        this.serverMessage = serverMessage;
        this.requestId = requestId;
    }

    /** The HTTP status code of the failed response. */
    public int status() {
        return status;
    }

    /** The server's own explanation ({@code X-Error-Message} or the body's error text), or null. */
    public String serverMessage() {
        return serverMessage;
    }

    /** The request id ({@code X-Request-Id}, {@code X-Amzn-Trace-Id} or {@code X-Amz-Cf-Id}), or null. */
    public String requestId() {
        return requestId;
    }
}
