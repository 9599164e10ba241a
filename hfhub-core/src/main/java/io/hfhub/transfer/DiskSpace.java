package io.hfhub.transfer;

import io.hfhub.HfHubException;
import io.hfhub.InsufficientDiskSpaceException;
import io.hfhub.store.FileErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The disk-space rules of every transfer (plain and Xet): a check before starting, and a clear error when the disk
 * fills up (or any other local file fails).
 */
public final class DiskSpace {
    private DiskSpace() {}

    /** Fails when {@code folder}'s file system has less than {@code needed} bytes free (unless checks are off). */
    public static void require(TransferContext ctx, Path folder, long needed, String name) {
        if (!ctx.checkDiskSpace()) {
            return;
        }
        long usable = folder.toFile().getUsableSpace(); // one statvfs; Files.getFileStore reads the mount table
        if (usable < needed) {
            throw new InsufficientDiskSpaceException("not enough disk space for " + name + ": needs " + needed
                    + " bytes, " + usable + " free in " + folder + " (free some space, or disable the check to try anyway)");
        }
    }

    /** Whether a write failed because the disk (or the quota) is full: the JDK has no exception type for it. */
    static boolean isFull(IOException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("No space left") || m.contains("not enough space") || m.contains("Disk quota");
    }

    static InsufficientDiskSpaceException filledUp(String name, boolean partialKept, IOException e) {
        return new InsufficientDiskSpaceException("the disk filled up while downloading " + name
                + (partialKept ? "; the partial file is kept: free some space and run again to resume"
                        : "; free some space and run again"), e);
    }

    /**
     * The error of a transfer that failed on a local file: disk full, or any other I/O failure said in words.
     * "The partial file is kept" only when it still is: a {@code cache delete} during the download removes it.
     */
    public static HfHubException failed(String name, Path partial, boolean resumable, IOException e) {
        boolean kept = resumable && Files.exists(partial);
        if (isFull(e)) {
            return filledUp(name, kept, e);
        }
        return new HfHubException("download of " + name + " failed: " + FileErrors.describe(e)
                + (kept ? " (the partial file is kept; run the same command again to resume)"
                        : resumable ? " (nothing was kept; run the same command again to start over)" : ""), e);
    }
}
