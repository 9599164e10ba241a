package io.hfhub.xet;

import io.hfhub.XetProtocolException;
import io.hfhub.http.HubErrors;
import io.hfhub.http.HubHttp;
import io.hfhub.http.HubRequest;
import io.hfhub.http.HubResponse;
import io.hfhub.http.RedirectPolicy;
import io.hfhub.json.Json;
import io.hfhub.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Read tokens for the Xet CAS, one per token URL (repository and revision), fetched from the Hub with the Hub's own
 * token (bound to the endpoint by the HTTP spine) and refreshed {@link XetToken#SAFETY_SECONDS} before they expire.
 */
final class XetTokens {
    private static final int MAX_BODY = 64 * 1024;

    private final HubHttp http;
    private final Clock clock;
    private final Map<String, XetToken> tokens = new ConcurrentHashMap<>();

    XetTokens(HubHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** A token still valid for a while, from memory or fetched anew. */
    XetToken get(String tokenUrl, String what) throws IOException {
        XetToken known = tokens.get(tokenUrl);
        if (known != null && known.fresh(clock.millis())) {
            return known;
        }
        XetToken fetched = fetch(tokenUrl, what);
        tokens.put(tokenUrl, fetched);
        return fetched;
    }

    /** Forgets the token of {@code tokenUrl}: the CAS refused it (401), the next {@link #get} fetches another. */
    void invalidate(String tokenUrl) {
        tokens.remove(tokenUrl);
    }

    private XetToken fetch(String tokenUrl, String what) throws IOException {
        HubRequest request = HubRequest.get(tokenUrl).redirects(RedirectPolicy.RELATIVE_ONLY).build();
        try (HubResponse response = http.metadata(request)) {
            if (response.code() != 200) {
                throw HubErrors.toException(response, "the Xet read token of " + what, http.secrets());
            }
            try (InputStream body = new LimitedInputStream(response.body(), MAX_BODY, "the Xet read token")) {
                return parse(Json.parse(body), what);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new XetProtocolException("the Hub's Xet read token for " + what + " is not valid JSON");
            }
        }
    }

    /** {@code {"accessToken": …, "exp": <epoch seconds>, "casUrl": …}}, each checked. */
    static XetToken parse(JsonValue root, String what) {
        JsonValue access = root == null ? null : root.get("accessToken");
        JsonValue exp = root == null ? null : root.get("exp");
        JsonValue cas = root == null ? null : root.get("casUrl");
        if (access == null || !access.isTextual() || access.asText().isEmpty() || !access.asText().matches("[\\x21-\\x7e]+")
                || exp == null || !(exp.isIntegralNumber() || exp.isTextual()) || cas == null || !cas.isTextual()) {
            throw new XetProtocolException("the Hub's Xet read token for " + what + " lacks accessToken, exp or casUrl");
        }
        long expiresAt;
        try {
            expiresAt = Long.parseLong(exp.asText());
        } catch (NumberFormatException e) {
            throw new XetProtocolException("the Hub's Xet read token for " + what + " has an unusable exp");
        }
        return new XetToken(access.asText(), expiresAt, casUrl(cas.asText(), what));
    }

    private static String casUrl(String url, String what) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (uri.getHost() == null || scheme == null
                    || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new XetProtocolException("the Hub's Xet CAS URL for " + what + " is not a plain http(s) URL");
            }
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        } catch (java.net.URISyntaxException e) {
            throw new XetProtocolException("the Hub's Xet CAS URL for " + what + " is unusable");
        }
    }
}
