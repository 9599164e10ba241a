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
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
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
