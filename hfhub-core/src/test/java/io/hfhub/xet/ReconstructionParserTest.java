package io.hfhub.xet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.XetProtocolException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReconstructionParserTest {
    private static final String X = "a".repeat(64);

    private static Reconstruction parse(String json, long expected) throws IOException {
        return ReconstructionParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), expected, "f");
    }

    private static String fetch(int start, int end, long urlStart, long urlEnd) {
        return "{\"range\":{\"start\":" + start + ",\"end\":" + end + "},\"url\":\"https://x.example/xorb\","
                + "\"url_range\":{\"start\":" + urlStart + ",\"end\":" + urlEnd + "}}";
    }

    private static String term(int start, int end, long length) {
        return "{\"hash\":\"" + X + "\",\"unpacked_length\":" + length + ",\"range\":{\"start\":" + start + ",\"end\":"
                + end + "}}";
    }

    @Test
    void aChunkUsedTwiceMatchesOneMergedFetchRange() throws IOException {
        // the spec's own example: chunks [1,4) then [3,43) of one xorb, fetched once as [1,43)
        Reconstruction r = parse("{\"offset_into_first_range\":0,\"terms\":[" + term(1, 4, 300) + "," + term(3, 43, 4000)
                + "],\"fetch_info\":{\"" + X + "\":[" + fetch(1, 43, 100, 99_999) + "]}}", 4300);
        assertThat(r.terms()).hasSize(2);
        assertThat(r.terms().get(0).fetch()).isSameAs(r.terms().get(1).fetch());
        assertThat(r.lastUse().get(r.terms().get(0).fetch())).isEqualTo(1);
    }

    @Test
    void overlappingFetchRangesAreAcceptedOnlyWhenTheyAgree() throws IOException {
        String terms = "[" + term(0, 4, 400) + "," + term(2, 6, 400) + "]";
        parse("{\"offset_into_first_range\":0,\"terms\":" + terms + ",\"fetch_info\":{\"" + X + "\":["
                + fetch(0, 4, 0, 499) + "," + fetch(2, 6, 250, 749) + "]}}", 800);
        assertThatThrownBy(() -> parse("{\"offset_into_first_range\":0,\"terms\":" + terms + ",\"fetch_info\":{\"" + X
                + "\":[" + fetch(0, 4, 0, 499) + "," + fetch(2, 6, 600, 999) + "]}}", 800))
                .isInstanceOf(XetProtocolException.class).hasMessageContaining("disagree");
        assertThatThrownBy(() -> parse("{\"offset_into_first_range\":0,\"terms\":[" + term(0, 2, 200) + "," + term(2, 4, 200)
                + "],\"fetch_info\":{\"" + X + "\":[" + fetch(0, 2, 0, 299) + "," + fetch(2, 4, 100, 399) + "]}}", 400))
                .hasMessageContaining("disagree");
    }

    @Test
    void anOffsetBeyondTheFirstTermOrNonJsonIsRefused() {
        assertThatThrownBy(() -> parse("{\"offset_into_first_range\":500,\"terms\":[" + term(0, 4, 400)
                + "],\"fetch_info\":{\"" + X + "\":[" + fetch(0, 4, 0, 499) + "]}}", 0))
                .hasMessageContaining("starts 500 bytes");
        assertThatThrownBy(() -> parse("<html>", 1)).isInstanceOf(XetProtocolException.class);
        assertThatThrownBy(() -> parse("{\"offset_into_first_range\":0,\"terms\":[" + term(0, 4, 400)
                + "],\"fetch_info\":{\"" + X + "\":[" + fetch(0, 4, 0, 1L << 40) + "]}}", 400))
                .hasMessageContaining("impossible byte range");
    }
}
