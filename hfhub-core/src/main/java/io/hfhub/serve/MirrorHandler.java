package io.hfhub.serve;

import java.io.IOException;
import java.util.Map;

/** The one entry point of the mirror: method check, route parsing, dispatch, and errors as the Hub sends them. */
public final class MirrorHandler {
    private static final System.Logger LOG = System.getLogger(MirrorHandler.class.getName());

    private final ResolveResponder resolve;
    private final ApiResponder api;

    /** A handler answering from {@code store}. */
    public MirrorHandler(MirrorStore store) {
        this.resolve = new ResolveResponder(store);
        this.api = new ApiResponder(store);
    }

    /**
     * Answers one request. An {@link IOException} means the connection is unusable (the client went away or
     * the watchdog closed it) and is left to the connection to end.
     */
    void handle(Exchange exchange) throws IOException {
        try {
            dispatch(exchange);
        } catch (HubError e) {
            if (!exchange.responded()) {
                Responses.error(exchange, e);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "failed to answer " + exchange.request().rawPath(), e);
            if (!exchange.responded()) {
                Responses.json(exchange, 500, Map.of("error", "internal error of the mirror"));
            }
        }
    }

    private void dispatch(Exchange exchange) throws IOException {
        String method = exchange.request().method();
        if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("POST")) {
            throw HubError.methodNotAllowed(method);
        }
        HubRoute route = RouteParser.parse(exchange.request().rawPath(), exchange.request().rawQuery());
        if (method.equals("POST") != route instanceof HubRoute.PathsInfo) {
            throw HubError.methodNotAllowed(method); // paths-info is POST only, everything else GET or HEAD
        }
        if (route instanceof HubRoute.Resolve r) {
            resolve.respond(exchange, r);
        } else if (route instanceof HubRoute.RepoInfo r) {
            api.repoInfo(exchange, r);
        } else if (route instanceof HubRoute.PathsInfo r) {
            api.pathsInfo(exchange, r);
        } else {
            api.tree(exchange, (HubRoute.Tree) route);
        }
    }
}
