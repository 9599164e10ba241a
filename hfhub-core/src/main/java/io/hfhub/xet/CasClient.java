package io.hfhub.xet;

import io.hfhub.XetProtocolException;
import io.hfhub.http.Attempts;
import io.hfhub.http.HubErrors;
import io.hfhub.http.HubHttp;
import io.hfhub.http.HubRequest;
import io.hfhub.http.HubResponse;
import io.hfhub.http.RedirectPolicy;
import io.hfhub.http.RetryPolicy;
import io.hfhub.transfer.ConnectionBudget;
import io.hfhub.transfer.Throttle;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two requests of a Xet download: the reconstruction, to the CAS with the Xet token, and a xorb byte range, to
 * the presigned URL with {@code Range} and without any token (the URL carries its own authorization, and the HTTP
 * spine strips {@code Authorization} off the Hub's origin). Answers that are worth another try become
 * {@link Retry}; a refusal stays the typed error the Hub's mapping gives.
 */
final class CasClient {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final HubHttp http;
    private final Throttle throttle;
    private final ConnectionBudget connections;

    /** A failure the next attempt may not have: a network fault, a 5xx, an expired URL or token. */
    static final class Retry extends IOException {
        final boolean tokenExpired;

        Retry(String reason, boolean tokenExpired, Throwable cause) {
            super(reason, cause);
            this.tokenExpired = tokenExpired;
        }
    }

    CasClient(HubHttp http, Throttle throttle, ConnectionBudget connections) {
        this.http = http;
        this.throttle = throttle;
        this.connections = connections;
    }

    /** {@code GET {casUrl}/v1/reconstructions/{hash}} for bytes {@code from..size-1} of the file. */
    Reconstruction reconstruction(XetToken token, String fileHash, long from, long size, String what) throws IOException {
        HubRequest.Builder request = HubRequest.get(token.casUrl() + "/v1/reconstructions/" + fileHash)
                .bearer(token.accessToken())
                .redirects(RedirectPolicy.RELATIVE_ONLY);
        if (from > 0) {
            request.header("Range", "bytes=" + from + "-" + (size - 1));
        }
        HubResponse response;
        try {
            response = http.metadata(request.build());
        } catch (SocketTimeoutException e) {
            throw new Retry("the Xet CAS timed out", false, e);
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw new Retry("the Xet CAS could not be reached: " + e.getMessage(), false, e);
        }
        try (response) {
            int code = response.code();
            if (code == 401) {
                throw new Retry("the Xet token was refused (401), fetching a new one", true, null);
            }
            if (RetryPolicy.isRetriableStatus(code)) {
                throw new Retry("the Xet CAS answered HTTP " + code, false, null);
            }
            if (code != 200) {
                List<String> secrets = new java.util.ArrayList<>(http.secrets());
                secrets.add(token.accessToken());
                throw HubErrors.toException(response, "the Xet reconstruction of " + what, secrets);
            }
            try (InputStream body = response.body()) {
                return ReconstructionParser.parse(body, size - from, what);
            } catch (XetProtocolException e) {
                throw e;
            } catch (IOException e) {
                throw new Retry("the Xet reconstruction broke off: " + e.getMessage(), false, e);
            }
        }
    }

    /** The serialized chunks of {@code range}: exactly its bytes, from a 206 that starts where asked. */
    byte[] fetch(Reconstruction.FetchRange range, String what) throws IOException {
        HubRequest request = HubRequest.get(range.url())
                .header("Range", "bytes=" + range.urlStart() + "-" + range.urlEnd())
                .attempts(Attempts.ONCE)
                .build();
        try (ConnectionBudget.Permit slot = connections.acquire()) {
            return read(request, range, what);
        }
    }

    private byte[] read(HubRequest request, Reconstruction.FetchRange range, String what) throws IOException {
        HubResponse response;
        try {
            response = http.download(request).execute();
        } catch (InterruptedIOException e) {
            if (e instanceof SocketTimeoutException) {
                throw new Retry("timed out fetching " + range, false, e);
            }
            throw e;
        } catch (IOException e) {
            throw new Retry("connection failed fetching " + range + ": " + e.getMessage(), false, e);
        }
        try (response) {
            int code = response.code();
            if (code == 403) {
                // presigned xorb URLs are short-lived: a new reconstruction brings fresh ones
                throw new Retry("the xorb URL expired (403), asking for a new reconstruction", false, null);
            }
            if (RetryPolicy.isRetriableStatus(code)) {
                throw new Retry("HTTP " + code + " fetching " + range, false, null);
            }
            if (code != 206) {
                if (code == 200) {
                    throw new XetProtocolException("the xorb store ignored the Range of " + range + " for " + what
                            + "; nothing was written to the cache");
                }
                throw HubErrors.toException(response, "Xet data of " + what, http.secrets());
            }
            requireRange(response.header("Content-Range"), range, what);
            return body(response, range);
        }
    }

    private static void requireRange(String contentRange, Reconstruction.FetchRange range, String what) {
        Matcher m = contentRange == null ? null : CONTENT_RANGE.matcher(contentRange.trim());
        if (m == null || !m.matches() || Long.parseLong(m.group(1)) != range.urlStart()
                || Long.parseLong(m.group(2)) != range.urlEnd()) {
            throw new XetProtocolException("the xorb store answered another byte range than asked for " + range
                    + " of " + what + "; nothing was written to the cache");
        }
    }

    /** Exactly the range's bytes, throttled; a short body is a broken connection, a longer one is cut off. */
    private byte[] body(HubResponse response, Reconstruction.FetchRange range) throws IOException {
        int length = (int) range.length();
        byte[] data = new byte[length];
        int done = 0;
        try (InputStream in = response.body()) {
            while (done < length) {
                int n = in.read(data, done, Math.min(64 * 1024, length - done));
                if (n < 0) {
                    throw new Retry("connection closed after " + done + " of " + length + " bytes of " + range, false,
                            null);
                }
                throttle.acquire(n);
                done += n;
            }
        } catch (InterruptedIOException e) {
            if (e instanceof SocketTimeoutException) {
                throw new Retry("stalled fetching " + range, false, e);
            }
            throw e;
        } catch (Retry e) {
            throw e;
        } catch (IOException e) {
            throw new Retry("connection broken fetching " + range + ": " + e.getMessage(), false, e);
        }
        return data;
    }
}
