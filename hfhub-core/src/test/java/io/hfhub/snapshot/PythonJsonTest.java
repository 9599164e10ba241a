package io.hfhub.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PythonJsonTest {
    @Test
    void quotesLikeJsonDumpsWithEnsureAscii() {
        // json.dumps('a"\\\b\f\n\r\t\x01\x7f é\U0001F600') in CPython 3.11
        assertThat(PythonJson.quote("a\"\\\b\f\n\r\t\u0001\u007f \u00e9\uD83D\uDE00"))
                .isEqualTo("\"a\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u007f \\u00e9\\ud83d\\ude00\"");
    }

    @Test
    void sortsByCodePointLikePython() {
        List<String> names = new ArrayList<>(List.of("\uD83D\uDE00", "\uFF21", "b", "a", "ab"));
        names.sort(PythonJson.CODE_POINT_ORDER);
        assertThat(names).containsExactly("a", "ab", "b", "\uFF21", "\uD83D\uDE00");
    }
}
