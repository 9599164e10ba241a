package io.hfhub.cache;

import io.hfhub.json.Json;
import io.hfhub.json.JsonValue;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The parts of a partial download's resume state ({@code blobs/<etag>.incomplete.json}) the pruner needs:
 * when it was last updated and who owns it. Read leniently: a missing field stays empty, because a state
 * file is written by other processes and versions and may be torn by a crash.
 *
 * @param updatedAt the last time the writer recorded progress
 * @param owner     the process writing the partial, if recorded
 */
record PartialState(Optional<Instant> updatedAt, Optional<Owner> owner) {

    /**
     * The writer of a partial.
     *
     * @param pid         its process id
     * @param host        the host it runs on
     * @param heartbeatAt the last time it said it was alive
     */
    record Owner(long pid, String host, Instant heartbeatAt) {}

    static final PartialState UNKNOWN = new PartialState(Optional.empty(), Optional.empty());

    /** Reads a state file; {@link #UNKNOWN} when it is missing or unreadable. */
    static PartialState read(Path stateFile) {
        JsonValue root;
        try {
            root = Json.parse(java.nio.file.Files.readAllBytes(stateFile));
        } catch (IOException e) {
            return UNKNOWN;
        }
        if (root == null || !root.isObject()) {
            return UNKNOWN;
        }
        JsonValue owner = root.path("owner");
        Optional<Owner> parsedOwner = owner.isObject()
                ? Optional.of(new Owner(owner.path("pid").asLong(-1), owner.path("host").asText(""),
                        Instant.ofEpochMilli(owner.path("heartbeatAt").asLong(0))))
                : Optional.empty();
        Optional<Instant> updatedAt = root.path("updatedAt").canConvertToLong()
                ? Optional.of(Instant.ofEpochMilli(root.path("updatedAt").asLong()))
                : Optional.empty();
        return new PartialState(updatedAt, parsedOwner);
    }
}
