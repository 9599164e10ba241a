package io.hfhub;

import io.hfhub.http.FileMetadata;
import io.hfhub.transfer.TransferTarget;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where the verified bytes of one file land and what is written beside them: the cache ({@code blobs/}, a snapshot
 * link, the ref) or a {@code localDir} (a plain file and the Python client's metadata). A destination reads the
 * disk facts and performs one placing step per decision; {@link HubFileDownload} alone decides and orders them.
 */
interface Destination {
    /** What the disk holds for this file that matters for {@code answer}: the one place the flow reads the disk. */
    DiskFacts facts(HubAnswer answer);

    /** Whether {@code metadata}'s version is in place by the destination's records alone, hashing nothing. */
    boolean holds(FileMetadata metadata);

    /** Keeps {@code file}, the copy of the version the Hub named, refreshing its bookkeeping; returns the answer. */
    Path keep(Path file, FileMetadata metadata) throws IOException;

    /** Places the version from the cache's {@code blobs/}, with no transfer; returns the answer. */
    Path placeCachedBlob(FileMetadata metadata) throws IOException;

    /** Where a transfer of the version writes its partial file and publishes the verified bytes. */
    TransferTarget target(FileMetadata metadata, String resolveUrl) throws IOException;

    /** The lock file writers of {@link #target} take turns on. */
    Path lock(FileMetadata metadata);

    /** Places the verified bytes once {@link #target} was published ({@code downloaded}: by this call). */
    Path placeDownloaded(FileMetadata metadata, boolean downloaded) throws IOException;

    /** Where the answer lives, for messages: {@code the cache at <folder>}, or the local folder. */
    String where();
}
