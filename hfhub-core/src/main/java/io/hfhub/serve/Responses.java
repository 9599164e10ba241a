package io.hfhub.serve;

import io.hfhub.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Writes JSON bodies and Hub-style errors; a HEAD request gets the headers without the body. */
final class Responses {

    private Responses() {}

    static void json(Exchange exchange, int status, Object body) throws IOException {
        byte[] bytes = toJson(body);
        exchange.setHeader("Content-Type", "application/json; charset=utf-8");
        OutputStream out = exchange.respond(status, bytes.length);
        if (!exchange.isHead()) {
            out.write(bytes);
        }
    }

    /**
     * Answers like the Hub: the status, {@code X-Error-Code} (what clients map to RepositoryNotFound,
     * RevisionNotFound, EntryNotFound), {@code X-Error-Message}, and {@code {"error": "..."}}.
     */
    static void error(Exchange exchange, HubError error) throws IOException {
        if (error.code != null) {
            exchange.setHeader("X-Error-Code", error.code);
        }
        if (error.commit != null) {
            exchange.setHeader("X-Repo-Commit", error.commit);
        }
        if (error.status == 405) {
            exchange.setHeader("Allow", "GET, HEAD");
        }
        exchange.setHeader("X-Error-Message", headerSafe(error.getMessage()));
        json(exchange, error.status, Map.of("error", error.getMessage()));
    }

    /** Header values must stay one line of visible ASCII; file names in messages may be anything. */
    private static String headerSafe(String message) {
        StringBuilder out = new StringBuilder(message.length());
        for (char c : message.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }

    static byte[] toJson(Object body) {
        return Json.write(body);
    }
}
