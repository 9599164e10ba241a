package io.hfhub.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hfhub.FileMetadataException;
import io.hfhub.RepoId;
import io.hfhub.RepoType;
import io.hfhub.snapshot.LinkHeader;
import io.hfhub.snapshot.RepoFile;
import io.hfhub.snapshot.SnapshotPlan;
import io.hfhub.snapshot.TreeListingParser;
import io.hfhub.store.CommitHash;
import io.hfhub.store.Revision;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** The two Hub API calls a snapshot needs: which commit a revision is, and the files of a commit. */
public final class HubApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAGES = 100_000;

    private final HubHttp http;

    public HubApi(HubHttp http) {
        this.http = http;
    }

    /** {@code GET /api/{type}s/{repo}/revision/{rev}}: the commit ({@code sha}) the revision points to. */
    public CommitHash resolveCommit(RepoType type, RepoId repoId, Revision revision, Attempts attempts) throws IOException {
        return resolveCommit(type, repoId, revision, attempts, RetryListener.NONE);
    }

    /** The same, telling {@code retries} of every retry as it happens. */
    public CommitHash resolveCommit(RepoType type, RepoId repoId, Revision revision, Attempts attempts,
            RetryListener retries) throws IOException {
        String url = HubUrls.revisionInfo(http.endpoint(), type, repoId, revision.value());
        String what = type.id() + " '" + repoId + "' at revision '" + revision + "'";
        HubRequest request = HubRequest.get(url).redirects(RedirectPolicy.RELATIVE_ONLY).attempts(attempts)
                .retryListener(retries).build();
        try (HubResponse response = http.metadata(request)) {
            if (response.code() >= 400) {
                throw HubErrors.toException(response, what, http.secrets());
            }
            try (InputStream body = response.body()) {
                JsonNode sha = JSON.readTree(body).get("sha");
                return CommitHash.parse(sha == null || !sha.isTextual() ? null : sha.asText()).orElseThrow(() ->
                        new FileMetadataException("the Hub's answer for " + what + " has no usable commit sha"));
            }
        }
    }

    /**
     * Every file of {@code commit}, recursively, following the {@code Link: <…>; rel="next"} pagination. The
     * listing gives each file's size and, for LFS files, its sha256: no per-file request is needed.
     */
    public List<RepoFile> listFiles(RepoType type, RepoId repoId, CommitHash commit) throws IOException {
        String what = "the file list of " + type.id() + " '" + repoId + "' at " + commit;
        List<RepoFile> files = new ArrayList<>();
        String url = HubUrls.tree(http.endpoint(), type, repoId, commit.value());

        for (int page = 0; url != null; page++) {
            if (page >= MAX_PAGES) {
                throw new IOException("too many pages in " + what);
            }
            HubResponse first = http.metadata(get(url, null));
            if (page == 0 && refusesExpand(first)) {
                // Artifactory answers 404 to ?expand=; the listing without it has the same fields
                first.close();
                first = http.metadata(get(HubUrls.treeWithoutExpand(http.endpoint(), type, repoId, commit.value()), null));
            }
            try (HubResponse response = first) {
                if (response.code() >= 400) {
                    throw HubErrors.toException(response, what, http.secrets());
                }
                try (InputStream body = response.body()) {
                    files.addAll(TreeListingParser.parse(body));
                } catch (IllegalArgumentException e) {
                    // one bad entry fails the whole listing, before anything is written
                    throw new FileMetadataException("the server sent an unusable " + what + ": " + e.getMessage(), e);
                }
                String next = LinkHeader.next(response.header("Link"));
                url = next == null ? null
                        : HubUrls.apiLinkOnEndpoint(http.endpoint(), type, URI.create(response.request().url()).resolve(next));
            }
        }
        try {
            return SnapshotPlan.requireConsistent(files);
        } catch (IllegalArgumentException e) {
            throw new FileMetadataException("the server sent an unusable " + what + ": " + e.getMessage(), e);
        }
    }

    /** A 400 or 404 that is not the Hub's own (no {@code X-Error-Code}): the mirror did not like a parameter. */
    private static boolean refusesExpand(HubResponse response) {
        return (response.code() == 400 || response.code() == 404) && response.header("X-Error-Code") == null;
    }

    /**
     * {@code GET /api/whoami-v2}: the account of the token this client sends. A 401 means the token is not valid
     * for this endpoint.
     */
    public io.hfhub.WhoAmI whoami() throws IOException {
        String what = "the account of the token at " + http.endpoint();
        try (HubResponse response = http.metadata(get(http.endpoint() + "/api/whoami-v2", null))) {
            if (response.code() == 401) {
                response.close();
                throw new io.hfhub.HfHubException("the token is not valid for " + http.endpoint()
                        + " (HTTP 401): log in again with a token from the account's settings");
            }
            if (response.code() >= 400) {
                throw HubErrors.toException(response, what, http.secrets());
            }
            try (InputStream body = response.body()) {
                JsonNode json = JSON.readTree(body);
                if (json == null || !json.path("name").isTextual()) {
                    throw new FileMetadataException("the Hub's answer for " + what + " has no user name");
                }
                List<String> orgs = new ArrayList<>();
                json.path("orgs").forEach(org -> {
                    if (org.path("name").isTextual()) {
                        orgs.add(org.path("name").asText());
                    }
                });
                JsonNode token = json.path("auth").path("accessToken");
                return new io.hfhub.WhoAmI(json.path("name").asText(), orgs,
                        token.path("displayName").isTextual() ? token.path("displayName").asText() : null,
                        token.path("role").isTextual() ? token.path("role").asText() : null);
            }
        }
    }

    private static HubRequest get(String url, Attempts attempts) {
        return HubRequest.get(url).redirects(RedirectPolicy.RELATIVE_ONLY).attempts(attempts).build();
    }
}
