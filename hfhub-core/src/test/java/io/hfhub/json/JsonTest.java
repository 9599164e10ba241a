package io.hfhub.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * hfhub-core's JSON on jackson-core alone, checked against databind (on the test class path only, through the
 * testkit): the same answers to the same questions for the documents hfhub reads, and the same bytes out.
 */
class JsonTest {
    private static final ObjectMapper DATABIND = new ObjectMapper();

    @Test
    void readsWhatDatabindReadsForEveryQueryHfhubMakes() throws Exception {
        String doc = "{\"s\": \"text\", \"n\": 42, \"big\": 123456789012345678901234567890, \"neg\": -1,"
                + " \"f\": 1.5, \"t\": true, \"z\": null, \"o\": {\"a\": [1, \"x\", {\"b\": 2}]}, \"dup\": 1, \"dup\": 2}";
        JsonValue ours = Json.parse(doc);
        JsonNode theirs = DATABIND.readTree(doc);
        for (String field : List.of("s", "n", "big", "neg", "f", "t", "z", "o", "dup", "absent")) {
            JsonValue a = ours.get(field);
            JsonNode b = theirs.get(field);
            assertThat(a == null).as(field).isEqualTo(b == null);
            if (a == null) {
                assertThat(ours.path(field).isMissingNode()).isTrue();
                continue;
            }
            assertThat(a.isTextual()).as(field).isEqualTo(b.isTextual());
            assertThat(a.isNumber()).as(field).isEqualTo(b.isNumber());
            assertThat(a.isIntegralNumber()).as(field).isEqualTo(b.isIntegralNumber());
            assertThat(a.canConvertToLong()).as(field).isEqualTo(b.isIntegralNumber() && b.canConvertToLong());
            assertThat(a.isObject()).as(field).isEqualTo(b.isObject());
            assertThat(a.isArray()).as(field).isEqualTo(b.isArray());
            assertThat(a.isNull()).as(field).isEqualTo(b.isNull());
            assertThat(a.size()).as(field).isEqualTo(b.size());
            assertThat(a.hasNonNull("a")).as(field).isEqualTo(b.hasNonNull("a"));
            if (a.isTextual() || a.isNumber() || a.isBoolean()) {
                assertThat(a.asText()).as(field).isEqualTo(b.asText());
            }
            if (a.canConvertToLong()) {
                assertThat(a.asLong()).as(field).isEqualTo(b.asLong());
            }
        }
        assertThat(ours.get("f").doubleValue()).isEqualTo(1.5);
        assertThat(ours.path("o").path("a").get(2).path("b").asLong()).isEqualTo(2);
        assertThat(ours.path("o").path("a").get(3)).isNull();
        assertThat(ours.path("nothing").path("deeper").isMissingNode()).isTrue();
        assertThat(ours.get("dup").asLong()).isEqualTo(2); // the last of a repeated key, as databind keeps
        assertThat(Json.parse("").isMissingNode()).isEqualTo(DATABIND.readTree("").isMissingNode());
        assertThat(Json.parse("\"8\"").asLong(-1)).isEqualTo(DATABIND.readTree("\"8\"").asLong(-1));
        assertThat(Json.parse("\"x\"").asLong(-1)).isEqualTo(DATABIND.readTree("\"x\"").asLong(-1));
    }

    @Test
    void malformedInputIsJacksonsOwnCheckedException() {
        // Callers catch JsonProcessingException (an IOException), as they did with databind.
        assertThatThrownBy(() -> Json.parse("{\"a\": ")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> Json.parse("{a: 1}")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> Json.parse("[1, 2".getBytes(StandardCharsets.UTF_8))).isInstanceOf(JsonProcessingException.class);
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThatThrownBy(() -> Json.parse(deep)).as("jackson-core's nesting limit holds")
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void writesTheBytesDatabindWrites() throws Exception {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("path", "dir/\u00e9t\u00e9 \"quoted\"\n\u0001");
        value.put("size", 12345678901L);
        value.put("int", 7);
        value.put("ratio", 0.25);
        value.put("big", new BigDecimal("1.10"));
        value.put("ok", false);
        value.put("none", null);
        value.put("list", List.of(1L, "two", Map.of("three", 3)));
        value.put("ranges", List.of(new long[] {0, 9}, new long[] {20, 29}));
        assertThat(Json.writeString(value)).isEqualTo(DATABIND.writeValueAsString(value));
        assertThat(Json.parse(Json.write(value)).path("ranges").get(1).get(0).asLong()).isEqualTo(20);
    }
}
