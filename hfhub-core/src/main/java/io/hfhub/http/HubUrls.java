package io.hfhub.http;

import io.hfhub.RepoId;
import io.hfhub.RepoType;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Builds Hub URLs the way the Python client does ({@code hf_hub_url}): the repo id goes in as it is (it is
 * validated), the file path is percent-encoded keeping {@code /}, the revision is encoded with no safe
 * characters so {@code refs/pr/1} becomes {@code refs%2Fpr%2F1}.
 */
public final class HubUrls {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HubUrls() {}

    /** {@code {endpoint}/{datasets/|spaces/|}{repoId}/resolve/{revision}/{path}}. */
    public static String resolve(String endpoint, RepoType type, RepoId repoId, String revision, String path) {
        return endpoint + "/" + type.urlPrefix() + repoId.value() + "/resolve/" + quoteAll(revision) + "/" + quotePath(path);
    }

    /** {@code {endpoint}/api/{models|datasets|spaces}/{repoId}/revision/{revision}}. */
    public static String revisionInfo(String endpoint, RepoType type, RepoId repoId, String revision) {
        return endpoint + "/api/" + type.plural() + "/" + repoId.value() + "/revision/" + quoteAll(revision);
    }

    /** {@code {endpoint}/api/{models|datasets|spaces}/{repoId}/xet-read-token/{revision}}: a Xet CAS read token. */
    public static String xetReadToken(String endpoint, RepoType type, RepoId repoId, String revision) {
        return endpoint + "/api/" + type.plural() + "/" + repoId.value() + "/xet-read-token/" + quoteAll(revision);
    }

    /** The recursive, unexpanded tree listing of a revision: the first page. */
    public static String tree(String endpoint, RepoType type, RepoId repoId, String revision) {
        return treeWithoutExpand(endpoint, type, repoId, revision) + "&expand=false";
    }

    /** The same listing without the {@code expand} parameter, for mirrors that refuse it (Artifactory: 404). */
    public static String treeWithoutExpand(String endpoint, RepoType type, RepoId repoId, String revision) {
        return endpoint + "/api/" + type.plural() + "/" + repoId.value() + "/tree/" + quoteAll(revision)
                + "?recursive=true";
    }

    /**
     * A pagination link of the {@code type}'s API moved onto {@code endpoint}: the Hub writes absolute links with
     * its own origin, and a mirror or caching proxy passes them on unchanged or without its path prefix
     * ({@code /artifactory/api/huggingfaceml/repo}). The API path is cut at its last {@code /api/<type>s/}
     * (a repo id and an encoded revision hold no such segment) and put after the endpoint, so the next page
     * comes from the endpoint like the first, and never from another host. Null when the link is no API link.
     */
    public static String apiLinkOnEndpoint(String endpoint, RepoType type, URI link) {
        String path = link.getRawPath() == null ? "" : link.getRawPath();
        URI base = URI.create(endpoint);
        String prefix = base.getRawPath() == null ? "" : base.getRawPath();
        if (Origins.same(base, link) && path.startsWith(prefix + "/api/")) {
            return link.toString();
        }
        int at = path.lastIndexOf("/api/" + type.plural() + "/");
        if (at < 0) {
            return null;
        }
        return endpoint + path.substring(at) + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery());
    }

    /**
     * A redirect target for a request to {@code endpoint}, with the endpoint's path prefix put back: the Hub's
     * relative redirects ({@code Location: /org/new-name/resolve/...} for a renamed repo) start at the root, which
     * behind a mirror at {@code https://host/prefix} is not the Hub. Other targets are returned as they are.
     */
    public static String keepEndpointPrefix(String endpoint, String requestUrl, URI target) {
        URI base = URI.create(endpoint);
        String prefix = base.getRawPath() == null ? "" : base.getRawPath();
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        if (prefix.isEmpty() || !requestUrl.startsWith(endpoint + "/") || !Origins.same(base, target)
                || path.startsWith(prefix + "/")) {
            return target.toString();
        }
        return endpoint + path + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    }

    /** Python's {@code quote(s)} with its default safe set: letters, digits, {@code _.-~} and {@code /}. */
    public static String quotePath(String s) {
        return quote(s, true);
    }

    /** Python's {@code quote(s, safe="")}: like {@link #quotePath} but {@code /} is encoded too. */
    public static String quoteAll(String s) {
        return quote(s, false);
    }

    private static String quote(String s, boolean keepSlash) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (isUnreserved(c) || (keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == '-' || c == '~';
    }
}
