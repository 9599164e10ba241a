package io.hfhub;

import io.hfhub.snapshot.RepoFile;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link HfHub#snapshot} would do with one file, as {@link HfHub#snapshotDryRun} lists it; the counterpart of Python 1.x's
 * {@code DryRunFileInfo}.
 *
 * @param path the file's path in the repository
 * @param size the file's size in bytes
 * @param isCached whether the file is already present locally (in the snapshot folder or {@code local_dir})
 * @param willDownload whether a real run would fetch it: when it is not cached, or a download is forced
 * @param localPath where the file is, or would be, placed
 */
public record DryRunEntry(String path, long size, boolean isCached, boolean willDownload, Path localPath) {

    /** Checks that no field is missing. */
    public DryRunEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(localPath, "localPath");
    }

    /** The entry for {@code file}, with Python's rule {@code will_download = force_download or not is_cached}. */
    static DryRunEntry of(RepoFile file, boolean isCached, boolean forceDownload, Path localPath) {
        return new DryRunEntry(file.path(), file.size(), isCached, forceDownload || !isCached, localPath);
    }
}
