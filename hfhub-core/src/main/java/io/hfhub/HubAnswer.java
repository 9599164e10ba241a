package io.hfhub;

import io.hfhub.http.FileMetadata;
import java.util.Objects;

/**
 * What the Hub said of one file, or why it said nothing: with the {@link DiskFacts}, the input of
 * {@link CacheStrategy}.
 */
sealed interface HubAnswer {
    /** Not asked yet: only a copy of a pinned commit can answer without a request. */
    HubAnswer NOT_ASKED = new NotAsked();
    /** Offline mode ({@code HF_HUB_OFFLINE}): the Hub may not be asked. */
    HubAnswer OFFLINE = new Offline();

    /** Not asked yet. */
    record NotAsked() implements HubAnswer {}

    /** Offline mode: the Hub may not be asked. */
    record Offline() implements HubAnswer {}

    /** The file's metadata at the revision, from a metadata request or a tree listing. */
    record Found(FileMetadata metadata) implements HubAnswer {
        public Found {
            Objects.requireNonNull(metadata, "metadata");
        }
    }

    /**
     * The metadata request failed: an {@link java.io.IOException} (no usable answer) or an {@link HfHubException}
     * (a typed answer: {@link HfHttpException}, {@link FileMetadataException}).
     */
    record Failed(Exception cause) implements HubAnswer {
        public Failed {
            Objects.requireNonNull(cause, "cause");
        }
    }
}
