package io.hfhub.http;

import io.hfhub.FileMetadataException;
import java.io.IOException;
import java.net.URI;

/**
 * The HEAD before every download ({@code get_hf_file_metadata} in the Python client): relative redirects
 * followed, an absolute one (the CDN) not, and the metadata read from the last response.
 */
public final class MetadataRequest {
    private MetadataRequest() {}

    /**
     * Sends the HEAD. Returns the metadata, or throws the typed {@link io.hfhub.HfHttpException} the server's
     * answer maps to. {@code what} names the file for error messages.
     */
    public static FileMetadata head(HubHttp http, String resolveUrl, Attempts attempts, String what) throws IOException {
        HubRequest request = HubRequest.head(resolveUrl).redirects(RedirectPolicy.RELATIVE_ONLY).attempts(attempts).build();
        HubResponse response = http.metadata(request);
        if (response.code() >= 400) {
            throw HubErrors.toException(response, what);
        }
        try (response) {
            String commit = response.header("X-Repo-Commit");
            String etag = normaliseEtag(firstNonNull(response.header("X-Linked-Etag"), response.header("ETag")));
            String sizeText = response.header("X-Linked-Size");
            if (sizeText == null && !response.isRedirect()) {
                // since huggingface_hub v1.28 a redirect's own Content-Length is not taken as the file size
                sizeText = response.header("Content-Length");
            }
            if (commit == null || etag == null || sizeText == null) {
                throw new FileMetadataException("the server's answer for " + what + " lacks "
                        + (commit == null ? "X-Repo-Commit" : etag == null ? "an ETag" : "a size")
                        + ": is the endpoint a Hugging Face Hub?");
            }
            requireSafeName(commit, "X-Repo-Commit", what);
            requireSafeName(etag, "ETag", what);
            String location = response.isRedirect() && response.header("Location") != null
                    ? URI.create(response.request().url()).resolve(response.header("Location")).toString()
                    : response.request().url();
            return new FileMetadata(commit, etag, parseSize(sizeText, what), location, xetHash(response));
        }
    }

    /**
     * Commit and etag become file names in the cache: a hostile server must not be able to smuggle a path
     * ({@code ../x}) through them.
     */
    private static void requireSafeName(String value, String header, String what) {
        if (!value.matches("[A-Za-z0-9_.-]{1,128}") || value.contains("..")) {
            throw new FileMetadataException("the server sent an unusable " + header + " for " + what);
        }
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
