package io.hfhub.http;

/**
 * How a request follows redirects; attached to an OkHttp request as its tag. The OkHttp client itself never
 * follows redirects (some clients keep {@code Authorization} across hosts), {@link RedirectInterceptor} does.
 */
public enum RedirectPolicy {
    /**
     * Metadata requests: follow only relative {@code Location}s (a renamed repo answers 307 with one) and stop
     * at an absolute one (the CDN), whose response carries the metadata, as the Python client does.
     */
    RELATIVE_ONLY,
    /** Downloads: follow every redirect; the token is dropped when the host changes. */
    ALL
}
