package io.hfhub;

/**
 * The root of every failure hfhub reports. Unchecked; each subclass's message says what happened and what
 * to do next. Messages never contain a token.
 */
public class HfHubException extends RuntimeException {
    public HfHubException(String message) {
        super(message);
    }

    public HfHubException(String message, Throwable cause) {
        super(message, cause);
    }
}
