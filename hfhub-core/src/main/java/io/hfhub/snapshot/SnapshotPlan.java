package io.hfhub.snapshot;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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

    /**
     * Returns {@code listing} if no two of its files could land on the same place: no path listed twice, and no
     * path that is also a folder of another ({@code a} and {@code a/b}). A listing breaking this is a lying or
     * broken server: the download must fail before it writes anything, not half-way with one file overwriting
     * another.
     *
     * @throws IllegalArgumentException naming the first offending path
     */
    public static List<RepoFile> requireConsistent(List<RepoFile> listing) {
        Set<String> paths = new HashSet<>();
        for (RepoFile file : listing) {
            if (!paths.add(file.path())) {
                throw new IllegalArgumentException("'" + file.path() + "' is listed twice");
            }
        }
        for (String path : paths) {
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                if (paths.contains(path.substring(0, slash))) {
                    throw new IllegalArgumentException("'" + path.substring(0, slash) + "' is listed both as a file and as"
                            + " the folder of '" + path + "'");
                }
            }
        }
        return listing;
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
