package io.hfhub.transfer;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.hfhub.store.HostName;
import java.time.Duration;
import java.util.UUID;

/**
 * Who is writing a partial file: a lease that is renewed by heartbeats. File locks are a no-op on some
 * network filesystems (Lustre, GPFS, some NFS), so a partial file is adopted only when its owner is gone:
 * at once when it was a process of this host that no longer exists, otherwise when its lease expired.
 */
public record Owner(String id, long pid, String host, long heartbeatAt) {
    private static final String THIS_HOST = HostName.current();
    private static final long THIS_PID = ProcessHandle.current().pid();

    /** A new owner identity for this process, heartbeat now. */
    public static Owner newForThisProcess(long nowMillis) {
        return new Owner(UUID.randomUUID().toString(), THIS_PID, THIS_HOST, nowMillis);
    }

    public Owner heartbeat(long nowMillis) {
        return new Owner(id, pid, host, nowMillis);
    }

    /** True while the owner may still be writing. */
    @JsonIgnore
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
