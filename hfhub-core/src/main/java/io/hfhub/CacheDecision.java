package io.hfhub;

import io.hfhub.http.FileMetadata;
import java.nio.file.Path;
import java.util.Objects;

/** What to do for one file, as {@link CacheStrategy} decides it: a value, acted on by {@link HubFileDownload}. */
sealed interface CacheDecision {

    /**
     * The copy on disk is the one asked for: answer it. {@code metadata} is what the Hub said of it (then the
     * bookkeeping is refreshed: the ref, or a local folder's metadata), or null when no request was needed.
     */
    record Serve(Path file, FileMetadata metadata) implements CacheDecision {
        public Serve {
            Objects.requireNonNull(file, "file");
        }
    }

    /** Only the Hub can say; {@code once}: a copy could answer a failure, so the request is not retried. */
    record AskHub(boolean once) implements CacheDecision {}

    /** The version is in the cache's {@code blobs/}: place it (link it, or copy it into a local folder). */
    record LinkBlob(FileMetadata metadata) implements CacheDecision {
        public LinkBlob {
            Objects.requireNonNull(metadata, "metadata");
        }
    }

    /** Fetch the version, verify it, place it. */
    record Download(FileMetadata metadata) implements CacheDecision {
        public Download {
            Objects.requireNonNull(metadata, "metadata");
        }
    }

    /** The Hub gave no usable answer ({@code reason}) and a copy from an earlier download answers instead. */
    record FallBack(Path file, String reason) implements CacheDecision {
        public FallBack {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** No answer can be given: {@code failure} names the error, {@code cause} is the Hub's (null when offline). */
    record Fail(Failure failure, String reason, Exception cause) implements CacheDecision {
        public Fail {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(reason, "reason");
            if ((failure == Failure.HUB_ERROR || failure == Failure.MISSING_ON_HUB)
                    && !(cause instanceof HfHubException)) {
                throw new IllegalArgumentException(failure + " rethrows the Hub's typed error, not " + cause);
            }
        }
    }

    /** The named errors a decision can end in. */
    enum Failure {
        /** The Hub says the file is not at the revision ({@code EntryNotFound}): marked under {@code .no_exist}. */
        MISSING_ON_HUB,
        /** The Hub's typed answer (a missing revision or repository, a refused token, unusable metadata). */
        HUB_ERROR,
        /** Offline or the Hub unavailable, and no copy: {@link LocalEntryNotFoundException}. */
        NOT_CACHED,
        /** {@code forceDownload} needs the Hub, which is offline or unavailable: {@link LocalEntryNotFoundException}. */
        FORCED
    }
}
