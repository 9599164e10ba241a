package io.hfhub.transfer;

import io.hfhub.http.BodyChannel;
import io.hfhub.http.HubCall;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Where the bytes of one file come from, a byte range at a time: its URL over plain HTTP, or its Xet
 * reconstruction. The scheduler asks for ranges and decides what to do with each answer; a source only fetches.
 */
public interface RangeSource {

    /**
     * Opens bytes {@code from..end} (inclusive) of the file, {@code end} -1 for the rest of it. Faults the next
     * attempt may not have are {@link Outcome.RetryAfter}, never thrown; an {@link java.io.InterruptedIOException}
     * is thrown.
     *
     * @param onCall receives each HTTP call before it runs, so the scheduler can cancel it when it stops early
     */
    Opening open(long from, long end, Consumer<HubCall> onCall) throws IOException;

    /** The transfer starts over from byte zero after a failed verification: drop anything reused so far. */
    default void restarting() {}

    /**
     * Whether the source applies the bandwidth limit and the connection budget to its own requests (Xet: to the
     * xorb bytes it fetches, not to the decoded bytes it yields, which its chunk cache may serve); else the reader
     * applies them to the body.
     */
    default boolean metersItself() {
        return false;
    }

    /**
     * Whether each new connection to this source costs a TLS handshake: the scheduler then starts with one stream
     * and adds connections only while they add throughput ({@link AdaptiveConcurrency#rampingUp}), instead of
     * opening aria2c's eight at once.
     */
    default boolean handshakePerConnection() {
        return false;
    }

    /**
     * Whether bodies come with a {@link io.hfhub.http.BodyChannel} that reads the socket straight into a buffer: the
     * scheduler then reads into direct buffers, whose bytes reach the file and the hash without a copy through the
     * heap. A stream read into a direct buffer would cost a copy more, so only where the channel is offered.
     */
    default boolean directBuffers() {
        return false;
    }

    /** Most connections worth using for one file; the scheduler never exceeds it. */
    default int maxConnections() {
        return Integer.MAX_VALUE;
    }

    /** The answer to {@link #open}: a body to read, or why there is none. */
    sealed interface Opening permits Body, Refused {}

    /**
     * A body to read. Reading it may throw: an {@link IOException} is a broken connection (another try continues
     * where it stopped), a {@link RuntimeException} ends the transfer.
     *
     * @param channel     the same body as a channel into the caller's buffers, or null: read one or the other
     * @param start       the file offset of the body's first byte: {@code from}, or 0 when the server ignored
     *                    {@code Range} and sends the whole file
     * @param whole       the server sent the whole file although a range was asked for (it ignores {@code Range})
     */
    record Body(InputStream stream, BodyChannel channel, long start, boolean whole) implements Opening {
        /** A body read through its stream only. */
        public Body(InputStream stream, long start, boolean whole) {
            this(stream, null, start, whole);
        }
    }

    /** No body: {@code outcome} says what to do instead. */
    record Refused(Outcome outcome) implements Opening {}
}
