package io.hfhub.transfer;

import io.hfhub.http.Attempts;
import io.hfhub.http.HubErrors;
import io.hfhub.http.HubCall;
import io.hfhub.http.HubHttp;
import io.hfhub.http.HubRequest;
import io.hfhub.http.HubResponse;
import io.hfhub.http.Origins;
import io.hfhub.http.RedirectPolicy;
import io.hfhub.http.RetryPolicy;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One GET of a file's bytes from an offset, with the answer classified: a body that starts where we asked,
 * a body that starts at zero (the server ignored {@code Range}), or a {@link RetriableFailure}. Typed errors
 * for the rest. Shared by the file transfer and the streaming API.
 */
final class RangedGet {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    /** An open response and where its body starts. The caller closes it. */
    record Opened(HubResponse response, long bodyStart) {}

    private RangedGet() {}

    /**
     * GETs {@code from} the offset; {@code end} is the last byte wanted (inclusive) or -1 for the rest.
     * Follows redirects (the token is dropped off-host). A 403 from another host than the Hub means a presigned
     * URL expired: the location is refreshed and the attempt counted as failed.
     */
    static Opened open(HubHttp http, LocationSource location, String hubUrl, long offset, long end, String name)
            throws IOException {
        return open(http, location, hubUrl, offset, end, name, call -> {});
    }

    /** The same, handing the call to {@code onCall} before it runs, so another thread can cancel it. */
    static Opened open(HubHttp http, LocationSource location, String hubUrl, long offset, long end, String name,
            java.util.function.Consumer<HubCall> onCall) throws IOException {
        HubRequest.Builder builder = HubRequest.get(location.current())
                .redirects(RedirectPolicy.ALL)
                .attempts(Attempts.ONCE);
        if (offset > 0 || end >= 0) {
            builder.header("Range", "bytes=" + offset + "-" + (end >= 0 ? end : ""));
        }
        HubResponse response;
        try {
            HubCall call = http.download(builder.build());
            onCall.accept(call);
            response = call.execute();
        } catch (SocketTimeoutException e) {
            throw new RetriableFailure("timed out: " + e.getMessage(), null, e);
        } catch (IOException e) {
            if (!RetryPolicy.isRetriable(e)) {
                throw e; // an interrupt, a redirect loop or refused scheme, a refused connection: waiting cannot help
            }
            throw new RetriableFailure("connection failed: " + e.getMessage(), null, e);
        }
        int code = response.code();
        if (code == 200) {
            return new Opened(response, 0); // no Range asked, or the server ignored it (some CDNs do)
        }
        if (code == 206) {
            String contentRange = response.header("Content-Range");
            Matcher m = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange.trim());
            if (m == null || !m.matches() || Long.parseLong(m.group(1)) != offset) {
                // Accept only a 206 that starts exactly where we asked; anything else would splice wrong bytes.
                response.close();
                throw new RestartFromZero("unexpected Content-Range '" + contentRange + "' for offset " + offset);
            }
            return new Opened(response, offset);
        }
        String retryAfter = response.header("Retry-After");
        if (code == 416) {
            response.close();
            throw new RestartFromZero("range not satisfiable (416)");
        }
        if (code == 403 && !Origins.same(response.request().url(), hubUrl)) {
            response.close();
            location.refresh();
            throw new RetriableFailure("download URL expired (403 from the CDN), re-resolved", null, null);
        }
        if (RetryPolicy.isRetriableStatus(code)) {
            response.close();
            throw new RetriableFailure("HTTP " + code, retryAfter, null);
        }
        throw HubErrors.toException(response, "file '" + name + "'", http.secrets());
    }

    /**
     * The server's answer contradicts the bytes we hold (416: our offset is past its file; a 206 starting
     * elsewhere): they cannot be trusted, start over.
     */
    static final class RestartFromZero extends RetriableFailure {
        RestartFromZero(String reason) {
            super(reason + ", restarting from zero", null, null);
        }
    }
}
