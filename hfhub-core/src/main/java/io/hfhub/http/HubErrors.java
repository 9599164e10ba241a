package io.hfhub.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hfhub.EntryNotFoundException;
import io.hfhub.GatedRepoException;
import io.hfhub.HfHttpException;
import io.hfhub.RepositoryNotFoundException;
import io.hfhub.RevisionNotFoundException;
import io.hfhub.store.CommitHash;
import io.hfhub.text.ServerText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;

/**
 * Maps an error response to the typed exception, in one place. The Hub says what went wrong in
 * {@code X-Error-Code} ({@code RepoNotFound}, {@code RevisionNotFound}, {@code EntryNotFound},
 * {@code GatedRepo}) and explains it in {@code X-Error-Message} or the JSON body's {@code error}.
 */
public final class HubErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;

    private HubErrors() {}

    /**
     * The exception for {@code response}, which must be an error (status 400 or more); {@code what} names the
     * resource for the message ("file 'x' in model 'org/name' at revision 'main'"). Closes the response.
     */
    public static HfHttpException toException(HubResponse response, String what, Collection<String> secrets) {
        try (response) {
            int status = response.code();
            String code = response.header("X-Error-Code");
            // Server text is quoted only once cleaned: a server may echo the token ("denied for Bearer hf_…"),
            // a presigned URL or terminal escape sequences.
            String serverMessage = ServerText.quote(serverMessage(response), secrets);
            String requestId = ServerText.quote(firstHeader(response, "X-Request-Id", "X-Amzn-Trace-Id", "X-Amz-Cf-Id"),
                    secrets);
            String suffix = " (HTTP " + status + (serverMessage != null ? ": " + serverMessage : "")
                    + (requestId != null ? ", request id " + requestId : "") + ")";
            if ("RepoNotFound".equals(code) || (status == 401 && code == null)) {
                return new RepositoryNotFoundException("repository not found or needs a token, for " + what
                        + ": check the repo id and type, or set HF_TOKEN / pass a token" + suffix,
                        status, serverMessage, requestId);
            }
            if ("GatedRepo".equals(code)) {
                return new GatedRepoException("access to " + what + " is gated: accept the conditions on the"
                        + " repository's page, then use a token of that account" + suffix, status, serverMessage, requestId);
            }
            if ("RevisionNotFound".equals(code)) {
                return new RevisionNotFoundException("revision not found, for " + what
                        + ": check the branch, tag or commit" + suffix, status, serverMessage, requestId);
            }
            if ("EntryNotFound".equals(code)) {
                return new EntryNotFoundException("file not found: " + what + suffix, status, serverMessage, requestId,
                        CommitHash.parse(response.header("X-Repo-Commit")).map(CommitHash::value).orElse(null));
            }
            return new HfHttpException("request for " + what + " failed" + suffix, status, serverMessage, requestId);
        }
    }

    private static String serverMessage(HubResponse response) {
        String header = response.header("X-Error-Message");
        if (header != null) {
            return header;
        }
        try (InputStream body = response.body()) {
            String text = new String(body.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
            if (text.isBlank() || text.trim().startsWith("<")) {
                return null; // an HTML error page says nothing useful in one line
            }
            try {
                JsonNode node = JSON.readTree(text);
                for (String field : new String[] {"error", "error_description"}) {
                    if (node.hasNonNull(field)) {
                        return node.get(field).asText();
                    }
                }
            } catch (IOException notJson) {
                // fall through: plain text
            }
            return text.strip().lines().findFirst().orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String firstHeader(HubResponse response, String... names) {
        for (String name : names) {
            String v = response.header(name);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
