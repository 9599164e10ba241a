package io.hfhub.serve;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers the two API calls {@code snapshot_download} makes: repository info (commit and file list) and the
 * tree listing (sizes and hashes), the latter paginated like the Hub with a {@code Link: <…>; rel="next"}.
 */
final class ApiResponder {
    /** Entries per tree page; the Hub pages at 1000 too. */
    static final int PAGE_SIZE = 1000;

    private final MirrorStore store;

    ApiResponder(MirrorStore store) {
        this.store = store;
    }

    void repoInfo(Exchange exchange, HubRoute.RepoInfo route) throws IOException {
        Snapshot snapshot = store.snapshot(route.type(), route.repoId(), route.revision());
        List<Map<String, String>> siblings = new ArrayList<>();
        for (String path : store.filePaths(snapshot)) { // names only: hashing every no-symlink file is not needed
            siblings.add(Map.of("rfilename", path));
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", route.repoId().value());
        info.put("sha", snapshot.commit());
        info.put("private", false);
        info.put("siblings", siblings);
        Responses.json(exchange, 200, info);
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
