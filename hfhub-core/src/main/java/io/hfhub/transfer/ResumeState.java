package io.hfhub.transfer;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hfhub.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What is needed to resume a partial file safely after the process dies, kept as JSON beside it
 * ({@code blobs/<etag>.incomplete.json}). It holds the resolve URL, never the presigned CDN URL, and never the
 * token. A state whose etag or size differs from the server's is discarded, never spliced.
 *
 * @param ranges finished byte ranges (inclusive) of a parallel ranged download; null for a sequential one
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResumeState(int version, String url, String etag, long size, String commit, long bytesWritten,
        long startedAt, long updatedAt, Owner owner, List<long[]> ranges) {

    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The state file of a partial file. */
    public static Path pathFor(Path incomplete) {
        return incomplete.resolveSibling(incomplete.getFileName() + ".json");
    }

    /** The state, or empty when missing, unreadable or of another version (then it is simply ignored). */
    public static Optional<ResumeState> read(Path file) {
        try {
            ResumeState state = JSON.readValue(Files.readAllBytes(file), ResumeState.class);
            return state.version == VERSION && state.etag != null ? Optional.of(state) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes atomically: a unique temp file, then a rename over the old state. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(this));
    }

    /**
     * Fails unless the state in {@code file} still names {@code ownerId}: after a stall longer than the lease
     * another process may have adopted the partial file, and then this one must not write or publish it.
     */
    public static void requireOwner(Path file, String ownerId, String name) {
        ResumeState current = read(file).orElse(null);
        if (current == null || current.owner() == null || !current.owner().id().equals(ownerId)) {
            throw new io.hfhub.HfHubException("another process took over the download of " + name
                    + " after this one stalled for longer than the lease; it will finish it");
        }
    }

    /**
     * Gives up the lease of the state in {@code file}, if any, so another transfer (in this process too) may adopt
     * the partial file at once rather than after the lease. Best effort: called on the way out of a failure.
     */
    public static void release(Path file) {
        // A cancelled download comes here with its thread interrupted, and file channels refuse to write for an
        // interrupted thread (ClosedByInterruptException): without lowering the flag for the write, the next call
        // would wait out the whole lease before resuming. The flag is raised again after.
        boolean interrupted = Thread.interrupted();
        try {
            read(file).ifPresent(state -> {
                if (state.owner() != null) {
                    try {
                        state.withOwner(state.owner().heartbeat(0), state.updatedAt()).write(file);
                    } catch (IOException ignored) {
                        // the lease then simply expires
                    }
                }
            });
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Whether this state describes the same file as {@code target} (etag and size) and {@code onDisk} bytes of
     * partial file fit within it: only then may the partial file be continued rather than discarded.
     */
    public boolean matches(TransferTarget target, long onDisk) {
        return onDisk >= 0 && onDisk <= target.size() && size == target.size() && etag.equals(target.etag().value());
    }

    public ResumeState withProgress(long bytes, long now) {
        return new ResumeState(version, url, etag, size, commit, bytes, startedAt, now, owner.heartbeat(now), ranges);
    }

    public ResumeState withRanges(List<long[]> finished, long bytes, long now) {
        return new ResumeState(version, url, etag, size, commit, bytes, startedAt, now, owner.heartbeat(now), finished);
    }

    public ResumeState withOwner(Owner newOwner, long now) {
        return new ResumeState(version, url, etag, size, commit, bytesWritten, startedAt, now, newOwner, ranges);
    }
}
