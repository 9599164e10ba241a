package io.hfhub.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request as the spine sees it: method, URL, headers, how it follows redirects and how many attempts
 * it may make. Immutable; {@link #newBuilder()} derives a variant (a redirect hop, a header added).
 */
public final class HubRequest {
    private final String method;
    private final String url;
    private final Map<String, String> headers;
    private final RedirectPolicy redirects;
    private final Attempts attempts;
    private final String bearer;
    private final String bearerOrigin;
    private final RetryListener retryListener;

    private HubRequest(Builder b) {
        this.method = b.method;
        this.url = b.url;
        this.headers = Map.copyOf(b.headers);
        this.redirects = b.redirects;
        this.attempts = b.attempts;
        this.bearer = b.bearer;
        this.bearerOrigin = b.bearerOrigin;
        this.retryListener = b.retryListener;
    }

    public static Builder get(String url) {
        return new Builder("GET", url);
    }

    public static Builder head(String url) {
        return new Builder("HEAD", url);
    }

    public Builder newBuilder() {
        Builder b = new Builder(method, url);
        b.headers.putAll(headers);
        b.redirects = redirects;
        b.attempts = attempts;
        b.bearer = bearer;
        b.bearerOrigin = bearerOrigin;
        b.retryListener = retryListener;
        return b;
    }

    public String method() {
        return method;
    }

    public String url() {
        return url;
    }

    /** Header names are lower-case. */
    public Map<String, String> headers() {
        return headers;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public RedirectPolicy redirects() {
        return redirects;
    }

    /** The attempts {@link RetryInterceptor} may make, or null for the policy's default. */
    public Attempts attempts() {
        return attempts;
    }

    /**
     * The bearer token bound to {@code url}'s origin by {@link Builder#bearer}, or null: a redirect to another origin
     * never carries it.
     */
    public String bearerFor(String url) {
        return bearer != null && Origins.same(url, bearerOrigin) ? bearer : null;
    }

    /** Who hears of this request's retries; {@link RetryListener#NONE} by default. */
    public RetryListener retryListener() {
        return retryListener;
    }

    @Override
    public String toString() {
        return method + " " + url; // never the headers: they may hold the token
    }

    /** Builds a {@link HubRequest}; redirects default to {@link RedirectPolicy#ALL}. */
    public static final class Builder {
        private final String method;
        private String url;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private RedirectPolicy redirects = RedirectPolicy.ALL;
        private Attempts attempts;
        private String bearer;
        private String bearerOrigin;
        private RetryListener retryListener = RetryListener.NONE;

        private Builder(String method, String url) {
            this.method = method;
            this.url = Objects.requireNonNull(url, "url");
        }

        public Builder url(String url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name.toLowerCase(Locale.ROOT), Objects.requireNonNull(value, name));
            return this;
        }

        public Builder removeHeader(String name) {
            headers.remove(name.toLowerCase(Locale.ROOT));
            return this;
        }

        public Builder redirects(RedirectPolicy policy) {
            this.redirects = Objects.requireNonNull(policy);
            return this;
        }

        /** Null means the retry policy's default. */
        public Builder attempts(Attempts attempts) {
            this.attempts = attempts;
            return this;
        }

        /**
         * Sends {@code token} as {@code Authorization: Bearer}, but only to the origin of the URL set now (the Xet
         * CAS takes its own short-lived token, not the Hub's).
         */
        public Builder bearer(String token) {
            this.bearer = Objects.requireNonNull(token, "token");
            this.bearerOrigin = url;
            return this;
        }

        /** Told of every retry of this request before the wait; null means nobody. */
        public Builder retryListener(RetryListener listener) {
            this.retryListener = listener != null ? listener : RetryListener.NONE;
            return this;
        }

        public HubRequest build() {
            return new HubRequest(this);
        }
    }
}
