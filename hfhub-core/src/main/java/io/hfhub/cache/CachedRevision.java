package io.hfhub.cache;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One commit present under {@code snapshots/}.
 *
 * @param commitHash   the folder name, normally a 40-hex commit
 * @param snapshotPath {@code snapshots/<commit>}
 * @param sizeOnDisk   the sum of the unique blobs this revision links to
 * @param files        its files, sorted by path in the repository
 * @param refs         the refs pointing at it ({@code main}, {@code refs/pr/1}); empty for a detached revision
 * @param lastModified the newest blob modification time, or the folder's if it is empty
 */
public record CachedRevision(String commitHash, Path snapshotPath, long sizeOnDisk, List<CachedFile> files,
        Set<String> refs, Instant lastModified) {

    /**
     * Creates the record.
     *
     * @param commitHash the folder name, normally a 40-hex commit
     * @param snapshotPath {@code snapshots/<commit>}
     * @param sizeOnDisk the sum of the unique blobs this revision links to
     * @param files its files, sorted by path in the repository
     * @param refs the refs pointing at it ({@code main}, {@code refs/pr/1}); empty for a detached revision
     * @param lastModified the newest blob modification time, or the folder's if it is empty
     */
    public CachedRevision {
        files = List.copyOf(files);
        refs = Collections.unmodifiableSortedSet(new TreeSet<>(refs));
    }

    /** {@return the number of files in this revision} */
    public int nbFiles() {
        return files.size();
    }
}
