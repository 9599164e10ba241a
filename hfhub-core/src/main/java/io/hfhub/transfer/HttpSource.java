package io.hfhub.transfer;

import io.hfhub.http.Attempts;
import io.hfhub.http.HubCall;
import io.hfhub.http.HubErrors;
import io.hfhub.http.HubHttp;
import io.hfhub.http.HubRequest;
import io.hfhub.http.HubResponse;
import io.hfhub.http.Origins;
import io.hfhub.http.RedirectPolicy;
import io.hfhub.http.RetryPolicy;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file's bytes over plain HTTP: {@code GET} of its download URL with {@code Range}, redirects followed (the
 * token dropped off the Hub's origin). Every answer is classified by {@link #classify}, a pure function.
 *
 * <p>The connections of one file share its URL: when the CDN says it expired (403), the first one asks the Hub
 * for a new one and the others, failing with the same old URL a moment later, reuse it. A 403 may also be a CDN
 * shedding load, so it also asks for fewer connections.
 */
public final class HttpSource implements RangeSource {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final long REUSE_NANOS = 2_000_000_000L;

    private final HubHttp http;
    private final LocationSource location;
    private final String hubUrl;
    private final String name;
    private volatile String current;
    private long refreshedAt; // guarded by this
    private boolean refreshed; // guarded by this

    /**
     * @param hubUrl the Hub's resolve URL: a 403 from its origin is a refusal, from elsewhere an expired CDN URL
     * @param name   the file's path in the repository, for messages
     */
    public HttpSource(HubHttp http, LocationSource location, String hubUrl, String name) {
        this.http = http;
        this.location = location;
        this.hubUrl = hubUrl;
        this.name = name;
        this.current = location.current();
    }

    /** True when the ranges are fetched over HTTPS (the CDN's URL, or the Hub's when there is no redirect). */
    @Override
    public boolean handshakePerConnection() {
        return current.regionMatches(true, 0, "https:", 0, "https:".length());
    }

    /** True when the body GETs go over plain HTTP without a proxy: then they come with a channel. */
    @Override
    public boolean directBuffers() {
        return http.offersChannel(current);
    }

    @Override
    public Opening open(long from, long end, Consumer<HubCall> onCall) throws IOException {
        HubRequest.Builder builder = HubRequest.get(current).redirects(RedirectPolicy.ALL).attempts(Attempts.ONCE);
        if (from > 0 || end >= 0) {
            builder.header("Range", "bytes=" + from + "-" + (end >= 0 ? end : ""));
        }
        HubResponse response;
        try {
            HubCall call = http.download(builder.build());
            onCall.accept(call);
            response = call.execute();
        } catch (SocketTimeoutException e) {
            return new Refused(new Outcome.RetryAfter("timed out: " + e.getMessage(), null, false));
        } catch (IOException e) {
            if (!RetryPolicy.isRetriable(e)) {
                throw e; // an interrupt, a redirect loop or refused scheme, a refused connection: waiting cannot help
            }
            return new Refused(new Outcome.RetryAfter("connection failed: " + e.getMessage(), null, false));
        }
        int code = response.code();
        Answer answer = classify(code, response.header("Content-Range"), from, end >= 0 || from > 0,
                !Origins.same(response.request().url(), hubUrl));
        if (answer instanceof Answer.Body body) {
            return new Body(new ResponseStream(response), response.channel(), body.start(), body.whole());
        }
        if (answer instanceof Answer.Refusal) {
            return new Refused(new Outcome.Fatal(HubErrors.toException(response, "file '" + name + "'", http.secrets())));
        }
        response.close(); // every other answer is decided without its body
        if (answer instanceof Answer.Expired) {
            refresh();
            return new Refused(new Outcome.RetryAfter("download URL expired (403 from the CDN), re-resolved", null, true));
        }
        if (answer instanceof Answer.Retry) {
            return new Refused(new Outcome.RetryAfter("HTTP " + code, response.header("Retry-After"), code == 429));
        }
        if (answer instanceof Answer.Restart restart) {
            return new Refused(new Outcome.RestartFromZero(restart.reason()));
        }
        throw new AssertionError(answer);
    }

    /** Asks the Hub for a new URL, unless another connection of this file just did. */
    private synchronized void refresh() throws IOException {
        long now = System.nanoTime();
        if (refreshed && now - refreshedAt < REUSE_NANOS) {
            return;
        }
        current = location.refresh();
        refreshed = true;
        refreshedAt = System.nanoTime();
    }

    /** What an HTTP answer to a range request means, before its body is read. */
    sealed interface Answer {
        /** A body whose first byte is at {@code start}; {@code whole} when a range was asked and ignored. */
        record Body(long start, boolean whole) implements Answer {}

        /** A presigned URL that expired (a 403 from another origin than the Hub's). */
        record Expired() implements Answer {}

        /** Busy or broken for now (408, 429, 5xx). */
        record Retry() implements Answer {}

        /** The answer contradicts the bytes held. */
        record Restart(String reason) implements Answer {}

        /** A refusal another attempt cannot change (401, 404, ...). */
        record Refusal() implements Answer {}
    }

    /**
     * Classifies an answer: only a 206 that starts exactly at {@code from} is a body there (anything else would
     * splice wrong bytes); a 200 is the whole file.
     *
     * @param rangeAsked whether the request carried {@code Range}
     * @param fromCdn    whether the answer came from another origin than the Hub's (after redirects)
     */
    static Answer classify(int code, String contentRange, long from, boolean rangeAsked, boolean fromCdn) {
        if (code == 200) {
            return new Answer.Body(0, rangeAsked);
        }
        if (code == 206) {
            Matcher m = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange.trim());
            if (m == null || !m.matches() || Long.parseLong(m.group(1)) != from) {
                return new Answer.Restart("unexpected Content-Range '" + contentRange + "' for offset " + from
                        + ", restarting from zero");
            }
            return new Answer.Body(from, false);
        }
        if (code == 416) {
            return new Answer.Restart("range not satisfiable (416), restarting from zero");
        }
        if (code == 403 && fromCdn) {
            return new Answer.Expired();
        }
        if (RetryPolicy.isRetriableStatus(code)) {
            return new Answer.Retry();
        }
        return new Answer.Refusal();
    }

    /** The body; closing it releases the response (its connection back to the keep-alive cache when read fully). */
    private static final class ResponseStream extends FilterInputStream {
        private final HubResponse response;

        ResponseStream(HubResponse response) throws IOException {
            super(response.body());
            this.response = response;
        }

        @Override
        public void close() {
            response.close();
        }
    }
}
