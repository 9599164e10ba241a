package io.hfhub.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers the API calls the clients make: repository info (commit and file list), the tree listing (sizes and
 * hashes, paginated like the Hub with a {@code Link: <…>; rel="next"}) and paths-info.
 */
final class ApiResponder {
    /** Entries per tree page; the Hub pages at 1000 too. */
    static final int PAGE_SIZE = 1000;
    private static final int MAX_BODY = 1 << 20;
    private static final int MAX_PATHS = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MirrorStore store;

    ApiResponder(MirrorStore store) {
        this.store = store;
    }

    /**
     * The repo info as the Hub shapes it, with the fields the Python client's {@code ModelInfo} and the JS
     * client's {@code modelInfo} read; what the cache cannot know (likes, downloads, tags) is zero or empty.
     * With {@code ?blobs=true} each sibling has its size, blob id and LFS info, as {@code files_metadata=True}
     * asks.
     */
    void repoInfo(Exchange exchange, HubRoute.RepoInfo route) throws IOException {
        Snapshot snapshot = store.snapshot(route.type(), route.repoId(), route.revision());
        List<Map<String, Object>> siblings = new ArrayList<>();
        if (route.blobs()) {
            for (TreeEntry entry : store.list(snapshot, "", true)) {
                if (entry.type().equals("file")) {
                    siblings.add(entry.toSibling());
                }
            }
        } else {
            for (String path : store.filePaths(snapshot)) { // names only: hashing every no-symlink file is not needed
                siblings.add(Map.of("rfilename", path));
            }
        }
        String id = route.repoId().value();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("_id", snapshot.commit());
        info.put("id", id);
        if (route.type() == io.hfhub.RepoType.MODEL) {
            info.put("modelId", id);
        }
        info.put("author", id.contains("/") ? id.substring(0, id.indexOf('/')) : null);
        info.put("sha", snapshot.commit());
        info.put("lastModified", lastModified(snapshot));
        info.put("private", false);
        info.put("disabled", false);
        info.put("gated", false);
        info.put("downloads", 0);
        info.put("likes", 0);
        info.put("tags", List.of());
        info.put("siblings", siblings);
        Responses.json(exchange, 200, info);
    }

    /**
     * {@code POST .../paths-info/{revision}}: the tree entry of every named path that exists, missing ones left
     * out, as the Hub does. The body is a form ({@code paths=a&paths=b}, Python's requests) or JSON
     * ({@code {"paths": [...]}}).
     */
    void pathsInfo(Exchange exchange, HubRoute.PathsInfo route) throws IOException {
        Snapshot snapshot = store.snapshot(route.type(), route.repoId(), route.revision());
        List<Map<String, Object>> found = new ArrayList<>();
        for (String path : requestedPaths(exchange)) {
            String safe;
            try {
                safe = io.hfhub.store.RepoPaths.requireSafe(path);
            } catch (IllegalArgumentException e) {
                continue; // a path no file can have is a path that does not exist
            }
            store.entry(snapshot, safe).ifPresent(entry -> found.add(entry.toJson()));
        }
        Responses.json(exchange, 200, found);
    }

    private static List<String> requestedPaths(Exchange exchange) throws IOException {
        String body = new String(exchange.readBody(MAX_BODY), StandardCharsets.UTF_8);
        String type = exchange.request().header("Content-Type");
        List<String> paths = new ArrayList<>();
        if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            JsonNode node;
            try {
                node = JSON.readTree(body);
            } catch (IOException e) {
                throw HubError.badRequest("paths-info body is not JSON");
            }
            JsonNode list = node == null ? null : node.get("paths");
            if (list != null && list.isArray()) {
                list.forEach(p -> paths.add(p.asText()));
            } else if (list != null && list.isTextual()) {
                paths.add(list.asText());
            }
        } else {
            paths.addAll(RouteParser.formValues(body, "paths"));
        }
        if (paths.size() > MAX_PATHS) {
            throw HubError.badRequest("paths-info asks for more than " + MAX_PATHS + " paths");
        }
        return paths;
    }

    private static String lastModified(Snapshot snapshot) {
        try {
            return Files.getLastModifiedTime(snapshot.folder()).toInstant().truncatedTo(ChronoUnit.MILLIS).toString();
        } catch (IOException e) {
            return null;
        }
    }

    void tree(Exchange exchange, HubRoute.Tree route) throws IOException {
        Snapshot snapshot = store.snapshot(route.type(), route.repoId(), route.revision());
        List<TreeEntry> entries = store.list(snapshot, route.path(), route.recursive());
        int from = Math.min(route.cursor(), entries.size());
        int to = Math.min(from + PAGE_SIZE, entries.size());
        List<Map<String, Object>> page = new ArrayList<>();
        for (TreeEntry entry : entries.subList(from, to)) {
            page.add(entry.toJson());
        }
        if (to < entries.size()) {
            exchange.setHeader("Link", "<" + nextPage(exchange, route, to) + ">; rel=\"next\"");
        }
        Responses.json(exchange, 200, page);
    }

    /** An absolute URL: the Python client follows the link as given, with the host the client used. */
    private static String nextPage(Exchange exchange, HubRoute.Tree route, int cursor) {
        String host = exchange.request().header("Host");
        if (host == null) {
            host = exchange.localAddress().getHostString() + ":" + exchange.localAddress().getPort();
        }
        return "http://" + host + exchange.request().rawPath() + "?recursive=" + route.recursive()
                + "&cursor=" + cursor;
    }
}
