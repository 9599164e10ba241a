package io.hfhub.transfer;

import io.hfhub.json.Json;
import io.hfhub.json.JsonValue;
import io.hfhub.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is needed to resume a partial file safely after the process dies, kept as JSON beside it
 * ({@code blobs/<etag>.incomplete.json}). It holds the resolve URL, never the presigned CDN URL, and never the
 * token. A state whose etag or size differs from the server's is discarded, never spliced.
 *
 * @param ranges finished byte ranges of a parallel ranged download (values: two states with the same ranges are
 *               equal); null for a sequential one. In the file, {@code [start, end]} pairs (inclusive)
 */
public record ResumeState(int version, String url, String etag, long size, String commit, long bytesWritten,
        long startedAt, long updatedAt, Owner owner, List<ByteRange> ranges) {

    public static final int VERSION = 1;

    public ResumeState {
        ranges = ranges == null ? null : List.copyOf(ranges);
    }

    /** The state file of a partial file. */
    public static Path pathFor(Path incomplete) {
        return incomplete.resolveSibling(incomplete.getFileName() + ".json");
    }

    /** The state, or empty when missing, unreadable or of another version (then it is simply ignored). */
    public static Optional<ResumeState> read(Path file) {
        try {
            ResumeState state = fromJson(Json.parse(Files.readAllBytes(file)));
            return state != null && state.version == VERSION && state.etag != null ? Optional.of(state) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes atomically: a unique temp file, then a rename over the old state. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, Json.write(toJson()));
    }

    /** The file's form: every field by its name, null ones left out; {@code owner} an object, {@code ranges} pairs. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", version);
        putIfPresent(json, "url", url);
        putIfPresent(json, "etag", etag);
        json.put("size", size);
        putIfPresent(json, "commit", commit);
        json.put("bytesWritten", bytesWritten);
        json.put("startedAt", startedAt);
        json.put("updatedAt", updatedAt);
        if (owner != null) {
            Map<String, Object> o = new LinkedHashMap<>();
            putIfPresent(o, "id", owner.id());
            o.put("pid", owner.pid());
            putIfPresent(o, "host", owner.host());
            o.put("heartbeatAt", owner.heartbeatAt());
            json.put("owner", o);
        }
        if (ranges != null) {
            json.put("ranges", ranges.stream().map(r -> new long[] {r.start(), r.end()}).toList());
        }
        return json;
    }

    /**
     * Reads {@link #toJson()}'s form; unknown fields are ignored and absent ones read as null or 0. Null when
     * the document is not an object, a field has the wrong type or a range is no range (negative, or ending before
     * it starts): a state that cannot be trusted is none.
     */
    static ResumeState fromJson(JsonValue json) {
        if (!json.isObject()) {
            return null;
        }
        JsonValue o = json.path("owner");
        Owner owner = o.isObject() ? new Owner(text(o, "id"), number(o, "pid"), text(o, "host"), number(o, "heartbeatAt")) : null;
        List<ByteRange> ranges = null;
        JsonValue r = json.path("ranges");
        if (r.isArray()) {
            ranges = new ArrayList<>();
            for (JsonValue pair : r) {
                if (!pair.isArray() || pair.size() != 2 || !pair.get(0).canConvertToLong() || !pair.get(1).canConvertToLong()) {
                    return null;
                }
                try {
                    ranges.add(new ByteRange(pair.get(0).asLong(), pair.get(1).asLong()));
                } catch (IllegalArgumentException e) {
                    return null; // no range: negative, or ending before it starts
                }
            }
        }
        return new ResumeState((int) number(json, "version"), text(json, "url"), text(json, "etag"), number(json, "size"),
                text(json, "commit"), number(json, "bytesWritten"), number(json, "startedAt"), number(json, "updatedAt"),
                owner, ranges);
    }

    private static void putIfPresent(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static String text(JsonValue json, String name) {
        JsonValue value = json.path(name);
        return value.isTextual() ? value.textValue() : null;
    }

    private static long number(JsonValue json, String name) {
        JsonValue value = json.path(name);
        return value.canConvertToLong() ? value.asLong() : 0L;
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

    public ResumeState withRanges(List<ByteRange> finished, long bytes, long now) {
        return new ResumeState(version, url, etag, size, commit, bytes, startedAt, now, owner.heartbeat(now), finished);
    }

    public ResumeState withOwner(Owner newOwner, long now) {
        return new ResumeState(version, url, etag, size, commit, bytesWritten, startedAt, now, newOwner, ranges);
    }
}
