package io.hfhub.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resume state file keeps the form databind gave it (hfhub-core used databind until it moved to
 * jackson-core alone): a partial download left by an older hfhub still resumes, and an older hfhub still reads ours.
 */
class ResumeStateFormatTest {
    /** What databind wrote for these states (hfhub-core configured it to leave nulls out). */
    private static final String RANGED_FORM = "{\"version\":1,\"url\":\"https://hub/org/m/resolve/main/w.bin\",\"etag\":\""
            + "a".repeat(64) + "\",\"size\":1000,\"commit\":\"" + "c".repeat(40) + "\",\"bytesWritten\":300,\"startedAt\":1,"
            + "\"updatedAt\":2,\"owner\":{\"id\":\"id-1\",\"pid\":42,\"host\":\"host-a\",\"heartbeatAt\":3},"
            + "\"ranges\":[[0,99],[500,699]]}";
    private static final String SEQUENTIAL_FORM = "{\"version\":1,\"etag\":\"" + "b".repeat(40)
            + "\",\"size\":10,\"bytesWritten\":5,\"startedAt\":1,\"updatedAt\":2}";

    @TempDir
    Path tmp;

    @Test
    void writesWhatDatabindWroteAndReadsItBack() throws Exception {
        ResumeState ranged = new ResumeState(ResumeState.VERSION, "https://hub/org/m/resolve/main/w.bin",
                "a".repeat(64), 1000, "c".repeat(40), 300, 1, 2, new Owner("id-1", 42, "host-a", 3),
                List.of(new ByteRange(0, 99), new ByteRange(500, 699)));
        ResumeState sequential = new ResumeState(ResumeState.VERSION, null, "b".repeat(40), 10, null, 5, 1, 2, null, null);
        assertThat(Json.writeString(ranged.toJson())).isEqualTo(RANGED_FORM);
        assertThat(Json.writeString(sequential.toJson())).isEqualTo(SEQUENTIAL_FORM);
        Path file = tmp.resolve("state.json");
        Files.writeString(file, RANGED_FORM);
        assertThat(ResumeState.read(file)).contains(ranged);
        Files.writeString(file, SEQUENTIAL_FORM);
        assertThat(ResumeState.read(file)).contains(sequential);
    }

    @Test
    void aStateIsAValue() throws Exception {
        // equal states are equal, ranges and all (a record of List<long[]> compared its arrays by identity)
        ResumeState state = new ResumeState(ResumeState.VERSION, "u", "e", 10, null, 5, 1, 2, null,
                List.of(new ByteRange(0, 4)));
        Path file = tmp.resolve("state.json");
        state.write(file);
        assertThat(ResumeState.read(file)).contains(state);
        ResumeState same = new ResumeState(ResumeState.VERSION, "u", "e", 10, null, 5, 1, 2, null,
                List.of(new ByteRange(0, 4)));
        assertThat(same).isEqualTo(state).hasSameHashCodeAs(state);
    }

    @Test
    void aStateWithWrongTypesOrAnotherVersionIsNone() throws Exception {
        Path file = tmp.resolve("state.json");
        Files.writeString(file, "{\"version\": 1, \"etag\": \"e\", \"ranges\": [[0, \"x\"]]}");
        assertThat(ResumeState.read(file)).isEmpty();
        Files.writeString(file, "{\"version\": 1, \"etag\": \"e\", \"ranges\": [[1]]}");
        assertThat(ResumeState.read(file)).isEmpty(); // not a [start, end] pair
        Files.writeString(file, "{\"version\": 1, \"etag\": \"e\", \"ranges\": [[5, 1]]}");
        assertThat(ResumeState.read(file)).isEmpty(); // a range that ends before it starts
        Files.writeString(file, "{\"version\": 1, \"etag\": \"e\", \"ranges\": [[-8, 3]]}");
        assertThat(ResumeState.read(file)).isEmpty();
        Files.writeString(file, "{\"version\": 2, \"etag\": \"e\"}");
        assertThat(ResumeState.read(file)).isEmpty();
        Files.writeString(file, "[1]");
        assertThat(ResumeState.read(file)).isEmpty();
        Files.writeString(file, "{\"version\": 1, \"etag\": \"e\", \"unknown\": {\"x\": 1}}");
        assertThat(ResumeState.read(file)).get().extracting(ResumeState::etag).isEqualTo("e");
    }
}
