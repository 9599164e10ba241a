package io.hfhub.http;

import io.hfhub.FileMetadataException;
import io.hfhub.store.BlobName;
import io.hfhub.store.CommitHash;
import io.hfhub.text.ServerText;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * The HEAD before every download ({@code get_hf_file_metadata} in the Python client): relative redirects
 * followed, an absolute one (the CDN) not, and the metadata read from the last response.
 */
public final class MetadataRequest {
    private MetadataRequest() {}

    /** Where the commit comes from when the answer lacks {@code X-Repo-Commit}: the revision API. */
    @FunctionalInterface
    public interface CommitLookup {
        CommitHash commit() throws IOException;
    }

    /**
     * Sends the HEAD. Returns the metadata, or throws the typed {@link io.hfhub.HfHttpException} the server's
     * answer maps to. {@code what} names the file for error messages. Some mirrors (Artifactory) drop
     * {@code X-Repo-Commit}; then {@code commitLookup} (when given) asks for it instead of failing, as the Python
     * client does.
     */
    public static FileMetadata head(HubHttp http, String resolveUrl, Attempts attempts, String what,
            CommitLookup commitLookup) throws IOException {
        return head(http, resolveUrl, attempts, RetryListener.NONE, what, commitLookup);
    }

    /** The same, telling {@code retries} of every retry as it happens. */
    public static FileMetadata head(HubHttp http, String resolveUrl, Attempts attempts, RetryListener retries,
            String what, CommitLookup commitLookup) throws IOException {
        HubRequest request = HubRequest.head(resolveUrl).redirects(RedirectPolicy.RELATIVE_ONLY).attempts(attempts)
                .retryListener(retries).build();
        HubResponse response = http.metadata(request);
        if (response.code() >= 400) {
            throw HubErrors.toException(response, what, http.secrets());
        }
        try (response) {
            String commit = response.header("X-Repo-Commit");
            String etag = normaliseEtag(firstNonNull(response.header("X-Linked-Etag"), response.header("ETag")));
            String sizeText = response.header("X-Linked-Size");
            if (sizeText == null && !response.isRedirect()) {
                // since huggingface_hub v1.28 a redirect's own Content-Length is not taken as the file size
                sizeText = response.header("Content-Length");
            }
            boolean lookUpCommit = commit == null && commitLookup != null;
            if ((commit == null && !lookUpCommit) || etag == null || sizeText == null) {
                throw new FileMetadataException("the server's answer for " + what + " lacks "
                        + (commit == null ? "X-Repo-Commit" : etag == null ? "an ETag" : "a size")
                        + ": is the endpoint a Hugging Face Hub?");
            }
            CommitHash commitHash = lookUpCommit ? commitLookup.commit()
                    : CommitHash.parse(commit).orElseThrow(() -> unusable("X-Repo-Commit", commit, what));
            BlobName blob = BlobName.parse(etag).orElseThrow(() -> unusable(
                    response.header("X-Linked-Etag") != null ? "X-Linked-Etag" : "ETag", etag, what));
            String location = response.isRedirect() && response.header("Location") != null
                    ? URI.create(response.request().url()).resolve(response.header("Location")).toString()
                    : response.request().url();
            return new FileMetadata(commitHash, blob, parseSize(sizeText, what), location, xetHash(response));
        }
    }

    /**
     * Commit and etag become file and folder names in the cache: only a 40-hex commit and a 40- or 64-hex hash are
     * accepted, so a hostile server cannot smuggle a path ({@code ../x}, {@code /etc/x}, {@code .}) through them.
     */
    private static FileMetadataException unusable(String header, String value, String what) {
        return new FileMetadataException("the server sent an unusable " + header + " '" + ServerText.quote(value, List.of())
                + "' for " + what + " (expected a " + (header.equals("X-Repo-Commit") ? "40-hex commit id" : "40- or 64-hex hash")
                + "): is the endpoint a Hugging Face Hub?");
    }

    /**
     * {@code X-Xet-Hash}: the Hub names the file's Xet id on its resolve answer (with {@code Link} rel
     * {@code xet-auth} / {@code xet-reconstruction-info}). Anything but 64 lowercase hex is ignored, and the
     * file is then fetched by plain HTTP as before.
     */
    private static String xetHash(HubResponse response) {
        String hash = response.header("X-Xet-Hash");
        return hash != null && hash.trim().matches("[0-9a-f]{64}") ? hash.trim() : null;
    }

    /** Strips a weak {@code W/} prefix and surrounding quotes. */
    static String normaliseEtag(String etag) {
        if (etag == null) {
            return null;
        }
        String e = etag.trim();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return e.isEmpty() ? null : e;
    }

    private static long parseSize(String text, String what) {
        try {
            long size = Long.parseLong(text.trim());
            if (size < 0) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw new FileMetadataException("the server sent an unusable size '" + text + "' for " + what);
        }
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
