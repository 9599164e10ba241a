package io.hfhub.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongPredicate;

/**
 * Decides whether the owner of a partial download may still be writing it. An owner is alive while its
 * heartbeat is younger than the lease, or, when it runs on this host, while its process exists: a process
 * stalled past its lease (suspended laptop, long GC) must not lose its file to a prune on the same machine.
 */
final class OwnerLiveness {
    /** The lease writers renew their heartbeat within. */
    static final Duration LEASE = Duration.ofSeconds(30);

    private final Clock clock;
    private final String localHost;
    private final LongPredicate processAlive;

    OwnerLiveness(Clock clock, String localHost, LongPredicate processAlive) {
        this.clock = Objects.requireNonNull(clock);
        this.localHost = Objects.requireNonNull(localHost);
        this.processAlive = Objects.requireNonNull(processAlive);
    }

    boolean isAlive(PartialState.Owner owner) {
        if (owner.heartbeatAt().plus(LEASE).isAfter(clock.instant())) {
            return true;
        }
        // A pid means nothing on another host (shared NFS cache): there only the heartbeat counts.
        return owner.host().equals(localHost) && owner.pid() > 0 && processAlive.test(owner.pid());
    }
}
