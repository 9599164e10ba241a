package io.hfhub.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    /** Databind as hfhub-core configured it for this record: nulls left out. */
    private static final ObjectMapper DATABIND = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    @TempDir
    Path tmp;

    @Test
    void writesWhatDatabindWroteAndReadsItBack() throws Exception {
        ResumeState ranged = new ResumeState(ResumeState.VERSION, "https://hub/org/m/resolve/main/w.bin",
                "a".repeat(64), 1000, "c".repeat(40), 300, 1, 2, new Owner("id-1", 42, "host-a", 3),
                List.of(new long[] {0, 99}, new long[] {500, 699}));
        ResumeState sequential = new ResumeState(ResumeState.VERSION, null, "b".repeat(40), 10, null, 5, 1, 2, null, null);
        for (ResumeState state : List.of(ranged, sequential)) {
            String ours = Json.writeString(state.toJson());
            assertThat(ours).isEqualTo(DATABIND.writeValueAsString(state));

            Path file = tmp.resolve("state.json");
            Files.writeString(file, DATABIND.writeValueAsString(state));
            ResumeState read = ResumeState.read(file).orElseThrow();
            assertThat(Json.writeString(read.toJson())).isEqualTo(ours);
        }
    }

    @Test
    void aStateWithWrongTypesOrAnotherVersionIsNone() throws Exception {
        Path file = tmp.resolve("state.json");
        Files.writeString(file, "{\"version\": 1, \"etag\": \"e\", \"ranges\": [[0, \"x\"]]}");
        assertThat(ResumeState.read(file)).isEmpty();
        Files.writeString(file, "{\"version\": 2, \"etag\": \"e\"}");
        assertThat(ResumeState.read(file)).isEmpty();
        Files.writeString(file, "[1]");
        assertThat(ResumeState.read(file)).isEmpty();
        Files.writeString(file, "{\"version\": 1, \"etag\": \"e\", \"unknown\": {\"x\": 1}}");
        assertThat(ResumeState.read(file)).get().extracting(ResumeState::etag).isEqualTo("e");
    }
}
