package io.hfhub;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the disk holds for one file, read in one place ({@link Destination#facts}) so that deciding touches no
 * disk. Which facts are read depends on the Hub's answer: before asking and after a failure, the copies that can
 * answer without the Hub; after the metadata, the copies of the version the Hub named.
 *
 * @param pinned     a copy known to be at the requested commit (the revision is a commit hash): it answers with no
 *                   request at all
 * @param lastKnown  the copy at the commit the revision resolved to last time: it answers when the Hub cannot
 * @param current    a copy of exactly the version the Hub named, already in place
 * @param blobCached the version the Hub named is in the cache's {@code blobs/}, verified when it was published: it
 *                   can be placed with no transfer
 */
record DiskFacts(Optional<Path> pinned, Optional<Path> lastKnown, Optional<Path> current, boolean blobCached) {
    /** An empty disk. */
    static final DiskFacts NOTHING = new DiskFacts(Optional.empty(), Optional.empty(), Optional.empty(), false);

    /** The facts that matter before asking the Hub, or when it gave no answer. */
    static DiskFacts withoutHub(Optional<Path> pinned, Optional<Path> lastKnown) {
        return new DiskFacts(pinned, lastKnown, Optional.empty(), false);
    }

    /** The facts that matter once the Hub named a version. */
    static DiskFacts ofVersion(Optional<Path> current, boolean blobCached) {
        return new DiskFacts(Optional.empty(), Optional.empty(), current, blobCached);
    }
}
