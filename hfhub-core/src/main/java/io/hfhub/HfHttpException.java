package io.hfhub;

/**
 * The server answered with an error status. Carries the status, the server's {@code X-Error-Message}
 * (or the error text of its JSON body) and the request id, so a user can report it.
 */
public class HfHttpException extends HfHubException {
    /** The HTTP status. */
    private final int status;
    /** The server's explanation, or null. */
    private final String serverMessage;
    /** The request id, or null. */
    private final String requestId;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next (secrets are redacted from it)
     * @param status the HTTP status of the failed response
     * @param serverMessage the server's own explanation, or null
     * @param requestId the request id the server gave, or null
     */
    public HfHttpException(String message, int status, String serverMessage, String requestId) {
        super(message);
        this.status = status;
        this.serverMessage = serverMessage;
        this.requestId = requestId;
    }

    /** {@return the HTTP status code of the failed response} */
    public int status() {
        return status;
    }

    /** {@return the server's own explanation ({@code X-Error-Message} or the body's error text), or null} */
    public String serverMessage() {
        return serverMessage;
    }

    /** {@return the request id ({@code X-Request-Id}, {@code X-Amzn-Trace-Id} or {@code X-Amz-Cf-Id}), or null} */
    public String requestId() {
        return requestId;
    }
}
