package io.hfhub.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PathFilterTest {

    /** Every row of the vectors produced by Python's own filter (pattern, path, matches). */
    static Stream<Arguments> patternVectors() throws IOException {
        List<Arguments> rows = new ArrayList<>();
        try (InputStream in = PathFilterTest.class.getResourceAsStream("/vectors/patterns.tsv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine(); // header
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty()) {
                    String[] cells = line.split("\t", -1);
                    rows.add(Arguments.of(cells[0], cells[1], Boolean.parseBoolean(cells[2])));
                }
            }
        }
        assertThat(rows).hasSizeGreaterThan(100);
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @MethodSource("patternVectors")
    void matchesLikePythonFilterRepoObjects(String pattern, String path, boolean expected) {
        assertThat(PathFilter.allow(pattern).accepts(path)).isEqualTo(expected);
        assertThat(PathFilter.ignore(pattern).accepts(path)).isEqualTo(!expected);
        assertThat(PathFilter.matches(pattern, path)).isEqualTo(expected);
    }

    /** Expected values printed by CPython 3.11 {@code fnmatch.fnmatchcase(text, pattern)}. */
    static Stream<Arguments> fnmatchEdgeCases() {
        return Stream.of(
                Arguments.of("[]a]", "]", true),
                Arguments.of("[]a]", "a", true),
                Arguments.of("[!]a]", "]", false),
                Arguments.of("[!]a]", "b", true),
                Arguments.of("[a-]", "-", true),
                Arguments.of("[a-]", "a", true),
                Arguments.of("[a-]", "b", false),
                Arguments.of("[!a-c]", "b", false),
                Arguments.of("[!a-c]", "d", true),
                Arguments.of("[z-a]", "m", false),
                Arguments.of("[z-a]", "z", false),
                Arguments.of("[!z-a]", "m", true),
                Arguments.of("[!z-a]", "/", true),
                Arguments.of("[a", "[a", true),
                Arguments.of("[a", "a", false),
                Arguments.of("[!]", "[!]", true),
                Arguments.of("a[b-a-z]c", "a-c", true),
                Arguments.of("a[b-a-z]c", "azc", true),
                Arguments.of("a[b-a-z]c", "amc", false),
                Arguments.of("[--0]", ".", true),
                Arguments.of("[--0]", "-", true),
                Arguments.of("[a-c-e]", "d", false),
                Arguments.of("[a-c-e]", "-", true),
                Arguments.of("[a-c-e]", "e", true),
                Arguments.of("\\*", "\\x", true),
                Arguments.of("[\\]", "\\", true),
                Arguments.of("*.txt", "a\nb.txt", true),
                Arguments.of("[é]", "é", true),
                Arguments.of("[a-é]", "ç", true),
                Arguments.of("a*b*c", "axxbyyc", true),
                Arguments.of("a*b*c", "axxbyy", false),
                Arguments.of("**", "/", true),
                Arguments.of("", "", true),
                Arguments.of("?", "é", true),
                Arguments.of("?", "\uD83D\uDE00", true), // one code point, two UTF-16 units
                Arguments.of("[^a]", "^", true),
                Arguments.of("[^a]", "b", false),
                Arguments.of("[!^a]", "b", true),
                Arguments.of("[!^a]", "^", false),
                Arguments.of("[b-ac]", "c", true),
                Arguments.of("[b-ac]", "b", false),
                Arguments.of("[!b-ac]", "b", true),
                Arguments.of("[!b-ac]", "c", false),
                Arguments.of("[&&a]", "&", true),
                Arguments.of("[|]", "|", true),
                Arguments.of("[[]", "[", true),
                Arguments.of("[a[]", "a", true));
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @MethodSource("fnmatchEdgeCases")
    void globFollowsCPythonFnmatchTranslate(String pattern, String text, boolean expected) {
        assertThat(GlobPattern.compile(pattern).matches(text)).isEqualTo(expected);
    }

    @Test
    void pathPassesWhenItMatchesAnAllowPatternAndNoIgnorePattern() {
        PathFilter filter = PathFilter.of(List.of("*.json", "*.safetensors"), List.of("onnx/*", "*.bin"));

        assertThat(filter.accepts("config.json")).isTrue();
        assertThat(filter.accepts("model.safetensors")).isTrue();
        assertThat(filter.accepts("onnx/config.json")).isFalse();
        assertThat(filter.accepts("README.md")).isFalse();
    }

    @Test
    void nullAllowListAcceptsEverythingButAnEmptyOneAcceptsNothing() {
        assertThat(PathFilter.of(null, null).accepts("anything")).isTrue();
        assertThat(PathFilter.ALL.accepts("a/b/c")).isTrue();
        // Python: allow_patterns=[] makes `any(...)` false for every path.
        assertThat(PathFilter.of(List.of(), null).accepts("anything")).isFalse();
    }

    @Test
    void backslashesAreSlashesInPatternsAndPaths() {
        assertThat(PathFilter.allow("onnx\\").accepts("onnx/model.onnx")).isTrue();
        assertThat(PathFilter.allow("onnx/*").accepts("onnx\\model.onnx")).isTrue();
    }

    @Test
    void longPathsWithManyStarsStayFast() {
        String path = "a".repeat(5_000);
        assertThat(PathFilter.allow("*a*a*a*a*a*a*a*a*b").accepts(path)).isFalse();
    }
}
