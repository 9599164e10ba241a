package io.hfhub;

import io.hfhub.CacheDecision.AskHub;
import io.hfhub.CacheDecision.Download;
import io.hfhub.CacheDecision.Fail;
import io.hfhub.CacheDecision.FallBack;
import io.hfhub.CacheDecision.Failure;
import io.hfhub.CacheDecision.LinkBlob;
import io.hfhub.CacheDecision.Serve;
import io.hfhub.http.FileMetadata;
import io.hfhub.http.RetryAfterTooLongException;
import java.io.IOException;
import java.net.ProtocolException;

/**
 * Decides, from what is on disk and what the Hub said, what one download does (in the spirit of OkHttp's
 * {@code CacheStrategy}): a pure function, no I/O, so every branch is tested without sockets. The rules are the
 * Python client's ({@code _hf_hub_download_to_cache_dir}, {@code _hf_hub_download_to_local_dir}):
 * <ul>
 *   <li>a pinned commit already on disk is served with no request, unless {@code forceDownload};</li>
 *   <li>with the metadata: a copy of that version is served, else a cached blob is placed, else the file is
 *       downloaded ({@code forceDownload} always downloads);</li>
 *   <li>offline, or when the request failed, the copy of the revision's last known commit answers, except for
 *       {@code RevisionNotFound} and {@code EntryNotFound} (the Hub did answer) and with {@code forceDownload};</li>
 *   <li>with no copy: a typed answer of the Hub is raised as it is; offline or an unavailable Hub (no answer, HTTP
 *       408, 429, 5xx) is {@link LocalEntryNotFoundException}. Python wraps every typed answer but 401, 404 and
 *       gated in {@code LocalEntryNotFoundError}; the Hub's own error says more, so hfhub keeps it.</li>
 * </ul>
 */
final class CacheStrategy {
    static final String OFFLINE = "offline mode is enabled (HF_HUB_OFFLINE)";

    private CacheStrategy() {}

    /** The decision for {@code answer}, given the facts gathered for it and {@code forceDownload}. */
    static CacheDecision decide(boolean force, DiskFacts disk, HubAnswer answer) {
        if (answer instanceof HubAnswer.Found found) {
            return withMetadata(force, disk, found.metadata());
        }
        if (answer instanceof HubAnswer.Failed failed) {
            return onFailure(force, disk, failed.cause());
        }
        if (answer instanceof HubAnswer.Offline) {
            return withoutHub(force, disk, OFFLINE, null, true);
        }
        if (!force && disk.pinned().isPresent()) {
            return new Serve(disk.pinned().get(), null);
        }
        return new AskHub(!force && disk.lastKnown().isPresent());
    }

    private static CacheDecision withMetadata(boolean force, DiskFacts disk, FileMetadata metadata) {
        if (force) {
            return new Download(metadata);
        }
        if (disk.current().isPresent()) {
            return new Serve(disk.current().get(), metadata);
        }
        return disk.blobCached() ? new LinkBlob(metadata) : new Download(metadata);
    }

    private static CacheDecision onFailure(boolean force, DiskFacts disk, Exception cause) {
        if (cause instanceof EntryNotFoundException) {
            return new Fail(Failure.MISSING_ON_HUB, reason(cause), cause);
        }
        if (cause instanceof RevisionNotFoundException) {
            return new Fail(Failure.HUB_ERROR, reason(cause), cause);
        }
        return withoutHub(force, disk, reason(cause), cause, hubUnavailable(cause));
    }

    /** The Hub cannot (or may not) answer: the last known copy does, or the request fails with a named error. */
    private static CacheDecision withoutHub(boolean force, DiskFacts disk, String reason, Exception cause,
            boolean unavailable) {
        if (!force && disk.lastKnown().isPresent()) {
            return new FallBack(disk.lastKnown().get(), reason);
        }
        if (!unavailable) {
            return new Fail(Failure.HUB_ERROR, reason, cause);
        }
        return new Fail(force ? Failure.FORCED : Failure.NOT_CACHED, reason, cause);
    }

    /**
     * Whether a failure means the Hub is unavailable rather than answering: no usable answer at all, or the
     * statuses a retry may cure (408, 429, 5xx).
     */
    static boolean hubUnavailable(Exception cause) {
        if (cause instanceof HfHttpException http) {
            return http.status() >= 500 || http.status() == 429 || http.status() == 408;
        }
        return cause instanceof IOException;
    }

    /** Why the Hub gave no usable answer, in words for messages and the listener. */
    static String reason(Exception cause) {
        if (cause instanceof HfHttpException http) {
            return "the Hub answered HTTP " + http.status();
        }
        if (cause instanceof IOException io) {
            return whyNoAnswer(io);
        }
        return "the Hub's answer was unusable: " + cause.getMessage();
    }

    /**
     * Why the Hub gave no answer, in words: a server that answered something unusable (a redirect loop, a refused
     * scheme) or asked to wait too long was reached; anything else was not.
     */
    private static String whyNoAnswer(IOException e) {
        if (e instanceof ProtocolException || e instanceof RetryAfterTooLongException) {
            return "the Hub's answer was unusable: " + e.getMessage();
        }
        return "the Hub could not be reached (" + e.getMessage() + ")";
    }
}
