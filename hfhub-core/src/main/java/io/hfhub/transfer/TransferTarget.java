package io.hfhub.transfer;

import java.nio.file.Path;

/**
 * One blob to fetch: where its bytes go while incomplete, where they are published, and what they must be.
 *
 * @param name        the file's path in the repository (for progress and messages)
 * @param resolveUrl  the Hub's resolve URL (kept in the resume state; never the presigned CDN URL)
 */
public record TransferTarget(String name, String resolveUrl, String commit, String etag, long size,
        Path incomplete, Path blob) {

    public Path stateFile() {
        return ResumeState.pathFor(incomplete);
    }
}
