package io.hfhub.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Hub's base URL, parsed once where it enters (the builder, {@code HF_ENDPOINT}, {@code --endpoint}): an
 * {@code http} or {@code https} URL with a host, an optional port and an optional path prefix (a mirror such as
 * {@code https://host/artifactory/api/huggingfaceml/repo}), no query and no fragment.
 *
 * <p>A {@code user:password@} in the URL is taken out of it here: {@link #url()} never holds it, so it cannot reach
 * a resume file, a message or a log; the credentials are sent as HTTP Basic authentication to the endpoint's own
 * origin only, and only when no token is set.
 *
 * @param url the base URL without user info and without trailing slash
 * @param userInfo the decoded {@code user:password}, or null
 */
public record Endpoint(String url, String userInfo) {

    /**
     * Parses an endpoint.
     *
     * @throws IllegalArgumentException saying what is wrong, without echoing a password
     */
    public static Endpoint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty endpoint: expected a URL such as https://huggingface.co");
        }
        String trimmed = text.strip();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw invalid("not a URL");
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme == null || uri.isOpaque()) {
            throw invalid("has no scheme: write https://HOST (or http://HOST:PORT for a local mirror)");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid("only http and https are supported");
        }
        if (uri.getHost() == null) {
            throw invalid("no host");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid("a query or fragment cannot be part of the endpoint");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String host = uri.getHost();
        String url = scheme + "://" + host + (uri.getPort() != -1 ? ":" + uri.getPort() : "") + path;
        String userInfo = uri.getRawUserInfo() == null ? null
                : URLDecoder.decode(uri.getRawUserInfo().replace("+", "%2B"), StandardCharsets.UTF_8);
        return new Endpoint(url, userInfo == null || userInfo.isEmpty() ? null : userInfo);
    }

    /** The {@code Authorization} value for the endpoint's credentials, if it has any. */
    public Optional<String> basicAuthorization() {
        if (userInfo == null) {
            return Optional.empty();
        }
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
    }

    /** What must never be shown: the user info and its password part. */
    public List<String> secrets() {
        List<String> secrets = new ArrayList<>();
        if (userInfo != null) {
            secrets.add(userInfo);
            int colon = userInfo.indexOf(':');
            if (colon >= 0 && colon + 1 < userInfo.length()) {
                secrets.add(userInfo.substring(colon + 1));
            }
            basicAuthorization().ifPresent(basic -> secrets.add(basic.substring("Basic ".length())));
        }
        return secrets;
    }

    @Override
    public String toString() {
        return url;
    }

    /** The value itself is not repeated: it may carry a password, with or without a scheme in front. */
    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException("invalid endpoint: the URL " + why
                + (why.contains("https://") ? "" : " (expected a URL such as https://huggingface.co)"));
    }
}
