package io.hfhub.transfer;

import io.hfhub.store.HostName;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who is writing a partial file: a lease that is renewed by heartbeats. File locks are a no-op on some
 * network filesystems (Lustre, GPFS, some NFS), so a partial file is adopted only when its owner is gone:
 * at once when it was a process of this host that no longer exists, otherwise when its lease expired.
 */
public record Owner(String id, long pid, String host, long heartbeatAt) {
    private static final String THIS_HOST = HostName.current();
    private static final long THIS_PID = ProcessHandle.current().pid();

    /**
     * A new owner identity for this process, heartbeat now. The id only has to differ from every other owner's, not
     * to be unguessable: 122 random bits from {@link ThreadLocalRandom} in a version-4 UUID's form, not
     * {@link UUID#randomUUID()}, whose SecureRandom is seeded from the system on first use (~7 ms of each run's start,
     * class-load log, 2026-11-30). The pid and host recorded beside it tell processes apart besides.
     */
    public static Owner newForThisProcess(long nowMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L; // version 4
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L; // IETF variant
        return new Owner(new UUID(high, low).toString(), THIS_PID, THIS_HOST, nowMillis);
    }

    public Owner heartbeat(long nowMillis) {
        return new Owner(id, pid, host, nowMillis);
    }

    /** True while the owner may still be writing. */
    public boolean isAlive(long nowMillis, Duration lease) {
        if (THIS_HOST.equals(host) && pid > 0) {
            // On this host the process table is the truth; a heartbeat can go stale while the owner is merely
            // stalled on a slow read, so the lease also has to have expired before we call a live pid dead.
            boolean running = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            if (!running) {
                return false;
            }
        }
        return nowMillis - heartbeatAt < lease.toMillis();
    }
}
