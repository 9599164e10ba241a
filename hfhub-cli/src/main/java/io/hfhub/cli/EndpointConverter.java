package io.hfhub.cli;

import io.hfhub.HfHub;

/**
 * {@code --endpoint}: an {@code http://} or {@code https://} URL with a host. Without a scheme, Java's own
 * message ("Illegal character in scheme name at index 0") would say nothing useful.
 */
final class EndpointConverter {
    private EndpointConverter() {
    }

    static String convert(String value) {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return value;
    }

    /** Fails with a clear message when {@code HF_ENDPOINT} is set to something that is not an http(s) URL. */
    static void checkEnvironment() {
        String value = System.getenv("HF_ENDPOINT");
        String problem = value == null || value.isEmpty() ? null : problem(value);
        if (problem != null) {
            throw new IllegalArgumentException("HF_ENDPOINT: " + problem);
        }
    }

    /**
     * What is wrong with {@code value} as an endpoint, or null when nothing is: the library's one parser
     * ({@link HfHub.Builder#endpoint}) decides, and its message never repeats a password.
     */
    static String problem(String value) {
        try {
            HfHub.builder().endpoint(value);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
