package io.hfhub.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Tells whether a lock file is held, by trying to take it without waiting. */
final class LockProbe {
    private LockProbe() {}

    /**
     * Runs {@code whileFree} while holding the lock, so nobody can take it in between; returns false without
     * running it when another process (or this JVM) holds the lock.
     */
    static boolean ifFree(Path lockFile, IoAction whileFree) throws IOException {
        return ifFree(lockFile, false, whileFree);
    }

    /**
     * {@link #ifFree(Path, IoAction)}, creating the lock file first when {@code create} is set (its folder must
     * exist), as a downloader would: holding it then keeps hfhub downloaders of that blob out meanwhile.
     */
    static boolean ifFree(Path lockFile, boolean create, IoAction whileFree) throws IOException {
        try (FileChannel channel = create
                ? FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)
                : FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                return false; // held by this JVM
            }
            if (lock == null) {
                return false; // held by another process
            }
            try {
                whileFree.run();
                return true;
            } finally {
                lock.release();
            }
        }
    }

    /** True when the lock is currently held by someone. */
    static boolean isHeld(Path lockFile) throws IOException {
        return !ifFree(lockFile, () -> {});
    }

    /** An I/O step run under a lock. */
    interface IoAction {
        void run() throws IOException;
    }
}
