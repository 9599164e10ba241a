package io.hfhub.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The one entry point of the mirror: method check, route parsing, dispatch, and errors as the Hub sends them. */
final class MirrorHandler implements HttpHandler {
    private static final Logger LOG = Logger.getLogger(MirrorHandler.class.getName());

    private final ResolveResponder resolve;
    private final ApiResponder api;

    MirrorHandler(MirrorStore store) {
        this.resolve = new ResolveResponder(store);
        this.api = new ApiResponder(store);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            dispatch(exchange);
        } catch (HubError e) {
            if (exchange.getResponseCode() == -1) {
                Responses.error(exchange, e);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "client went away", e); // a closed connection mid-body is routine for downloads
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "failed to answer " + exchange.getRequestURI(), e);
            if (exchange.getResponseCode() == -1) {
                Responses.json(exchange, 500, java.util.Map.of("error", "internal error of the mirror"));
            }
        } finally {
            exchange.close();
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("POST")) {
            throw HubError.methodNotAllowed(method);
        }
        URI uri = exchange.getRequestURI();
        HubRoute route = RouteParser.parse(uri.getRawPath(), uri.getRawQuery());
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
