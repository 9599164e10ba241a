package io.hfhub.transfer;

import io.hfhub.store.BlobName;
import io.hfhub.store.CommitHash;
import java.nio.file.Path;

/**
 * One blob to fetch: where its bytes go while incomplete, where they are published, and what they must be.
 *
 * @param name        the file's path in the repository (for progress and messages)
 * @param resolveUrl  the Hub's resolve URL (kept in the resume state; never the presigned CDN URL, never a password)
 * @param etag        the hash the bytes must have: every transfer is verified against it
 */
public record TransferTarget(String name, String resolveUrl, CommitHash commit, BlobName etag, long size,
        Path incomplete, Path blob) {

    public Path stateFile() {
        return ResumeState.pathFor(incomplete);
    }
}
