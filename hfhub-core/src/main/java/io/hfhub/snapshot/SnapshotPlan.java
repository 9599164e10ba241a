package io.hfhub.snapshot;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The files of a snapshot selected by a {@link PathFilter}, in the order they should be started, with totals for
 * progress reporting.
 *
 * <p>Largest first. With a fixed pool of connections this is the "longest processing time first" rule for
 * scheduling jobs on parallel machines: a big file started early overlaps with all the small ones, whereas a big
 * file picked last runs alone at the end on one connection while the others sit idle, which is what makes a
 * snapshot of many shards finish long after most of its bytes arrived. Small files then fill the gaps between
 * big ones. Ties are broken by path (code-point order) so the order is reproducible.
 *
 * <p>Immutable and thread-safe.
 */
public final class SnapshotPlan {
    private static final Comparator<RepoFile> LARGEST_FIRST = Comparator.comparingLong(RepoFile::size).reversed()
            .thenComparing(RepoFile::path, PythonJson.CODE_POINT_ORDER);

    private final List<RepoFile> files;
    private final long totalBytes;

    private SnapshotPlan(List<RepoFile> files) {
        this.files = files;
        this.totalBytes = files.stream().mapToLong(RepoFile::size).sum();
    }

    /** The files of {@code listing} accepted by {@code filter}, largest first. */
    public static SnapshotPlan of(Collection<RepoFile> listing, PathFilter filter) {
        Objects.requireNonNull(filter, "filter");
        return new SnapshotPlan(listing.stream().filter(f -> filter.accepts(f.path())).sorted(LARGEST_FIRST).toList());
    }

    /** The selected files in fetch order. */
    public List<RepoFile> files() {
        return files;
    }

    /** The number of selected files. */
    public int fileCount() {
        return files.size();
    }

    /** The sum of the selected files' sizes, in bytes. */
    public long totalBytes() {
        return totalBytes;
    }

    @Override
    public String toString() {
        return "SnapshotPlan{" + fileCount() + " files, " + totalBytes + " bytes}";
    }
}
