package io.hfhub.xet;

/**
 * A read token for the Xet CAS, from {@code GET /api/{type}s/{repo}/xet-read-token/{revision}}.
 *
 * @param accessToken   sent as {@code Authorization: Bearer} to the CAS only (never logged, never to the Hub or the
 *                      presigned xorb URLs)
 * @param expiresAt     when it expires, in epoch seconds ({@code exp})
 * @param casUrl        the CAS's base URL ({@code casUrl}), http or https
 */
record XetToken(String accessToken, long expiresAt, String casUrl) {
    /** Refreshed this long before it expires, so no request goes out with a token about to lapse. */
    static final long SAFETY_SECONDS = 60;

    boolean fresh(long nowMillis) {
        return nowMillis / 1000 < expiresAt - SAFETY_SECONDS;
    }

    @Override
    public String toString() {
        return "XetToken[casUrl=" + casUrl + ", expiresAt=" + expiresAt + "]";
    }
}
