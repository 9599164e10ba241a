package io.hfhub.serve;

import io.hfhub.RepoId;
import io.hfhub.RepoType;
import io.hfhub.store.RepoPaths;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a raw request path (still percent-encoded) into a {@link HubRoute}. Every revision and file path is
 * decoded and then checked with {@link RepoPaths#requireSafe}, so {@code ..}, {@code %2e%2e}, absolute paths,
 * backslashes and NUL are refused before any file system call.
 */
final class RouteParser {
    private static final String DEFAULT_REVISION = "main";

    private RouteParser() {}

    static HubRoute parse(String rawPath, String rawQuery) {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw HubError.badRequest("path must start with /");
        }
        List<String> segments = Arrays.asList(rawPath.substring(1).split("/", -1));
        if (segments.contains("") && !rawPath.equals("/")) {
            throw HubError.badRequest("empty path segment");
        }
        if (segments.get(0).equals("api")) {
            return parseApi(segments.subList(1, segments.size()), query(rawQuery));
        }
        return parseResolve(segments);
    }

    /** {@code [datasets/|spaces/]{repo}/resolve/{revision}/{path...}}, the repo id one or two segments. */
    private static HubRoute parseResolve(List<String> segments) {
        RepoType type = RepoType.MODEL;
        List<String> rest = segments;
        if (segments.get(0).equals("datasets") || segments.get(0).equals("spaces")) {
            type = RepoType.parse(segments.get(0));
            rest = segments.subList(1, segments.size());
        }
        int keyword = keywordIndex(rest, "resolve");
        if (keyword < 0 || rest.size() < keyword + 3) {
            throw HubError.notFound("not a resolve URL: expected /{repo}/resolve/{revision}/{path}");
        }
        RepoId repoId = repoId(rest.subList(0, keyword));
        String revision = revision(rest.get(keyword + 1));
        StringBuilder path = new StringBuilder();
        for (String raw : rest.subList(keyword + 2, rest.size())) {
            String segment = PercentDecoder.decode(raw);
            // The client encodes each segment with '/' kept literal, so an encoded slash is never legitimate.
            if (segment.indexOf('/') >= 0) {
                throw HubError.badRequest("encoded '/' inside a path segment");
            }
            path.append(path.length() == 0 ? "" : "/").append(segment);
        }
        return new HubRoute.Resolve(type, repoId, revision, safePath(path.toString()));
    }

    /**
     * {@code {models|datasets|spaces}/{repo}[/revision/{rev}]}, {@code .../tree/{rev}[/{path}]} and
     * {@code .../paths-info/{rev}}.
     */
    private static HubRoute parseApi(List<String> segments, Map<String, String> query) {
        if (segments.size() < 2) {
            throw HubError.notFound("unknown API route");
        }
        RepoType type = apiType(segments.get(0));
        List<String> rest = segments.subList(1, segments.size());
        int keyword = Math.max(Math.max(keywordIndex(rest, "revision"), keywordIndex(rest, "tree")),
                keywordIndex(rest, "paths-info"));
        boolean blobs = Boolean.parseBoolean(query.getOrDefault("blobs", "false"));
        if (keyword < 0) {
            if (rest.size() > 2) {
                throw HubError.notFound("unknown API route");
            }
            return new HubRoute.RepoInfo(type, repoId(rest), DEFAULT_REVISION, blobs);
        }
        RepoId repoId = repoId(rest.subList(0, keyword));
        List<String> after = rest.subList(keyword + 1, rest.size());
        if (after.isEmpty()) {
            throw HubError.notFound("missing revision");
        }
        String revision = revision(after.get(0));
        if (!rest.get(keyword).equals("tree")) {
            if (after.size() != 1) {
                throw HubError.notFound("unknown API route");
            }
            return rest.get(keyword).equals("revision") ? new HubRoute.RepoInfo(type, repoId, revision, blobs)
                    : new HubRoute.PathsInfo(type, repoId, revision);
        }
        // The Python client quotes the tree path with no safe characters, so '/' arrives as %2F: decode the whole.
        String path = after.size() == 1 ? "" : safePath(PercentDecoder.decode(String.join("/", after.subList(1, after.size()))));
        boolean recursive = Boolean.parseBoolean(query.getOrDefault("recursive", "false")); // httpx "true", requests "True"
        return new HubRoute.Tree(type, repoId, revision, path, recursive, cursor(query.get("cursor")));
    }

    /** Where {@code keyword} follows a one- or two-segment repo id; two segments win when both read. */
    private static int keywordIndex(List<String> segments, String keyword) {
        if (segments.size() > 2 && segments.get(2).equals(keyword)) {
            return 2;
        }
        if (segments.size() > 1 && segments.get(1).equals(keyword)) {
            return 1;
        }
        return -1;
    }

    private static RepoType apiType(String plural) {
        for (RepoType type : RepoType.values()) {
            if (type.plural().equals(plural)) {
                return type;
            }
        }
        throw HubError.notFound("unknown API route: expected /api/models, /api/datasets or /api/spaces");
    }

    private static RepoId repoId(List<String> segments) {
        try {
            return RepoId.of(String.join("/", segments));
        } catch (IllegalArgumentException e) {
            throw HubError.badRequest(e.getMessage());
        }
    }

    private static String revision(String raw) {
        // Revisions are quoted with no safe characters: refs%2Fpr%2F1 is refs/pr/1, read from refs/refs/pr/1.
        return safePath(PercentDecoder.decode(raw));
    }

    private static String safePath(String path) {
        try {
            return RepoPaths.requireSafe(path);
        } catch (IllegalArgumentException e) {
            throw HubError.badRequest(e.getMessage());
        }
    }

    private static int cursor(String raw) {
        if (raw == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(raw));
        } catch (NumberFormatException e) {
            throw HubError.badRequest("cursor must be a number");
        }
    }

    /** A form body's values of one key, in order ({@code paths=a&paths=b}, as Python's requests sends a list). */
    static List<String> formValues(String body, String key) {
        List<String> values = new java.util.ArrayList<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && PercentDecoder.decode(pair.substring(0, eq).replace('+', ' ')).equals(key)) {
                values.add(PercentDecoder.decode(pair.substring(eq + 1).replace("+", "%20")));
            }
        }
        return values;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(PercentDecoder.decode(key), PercentDecoder.decode(value));
        }
        return params;
    }
}
