package io.hfhub.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.store.BlobName;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TreeListingParserTest {
    private static final String SHA = "7c5d3f4b8b76583b422fcb9189ad6c89d5d97a094541ce8932dce3ecabde1421";

    @Test
    void parsesFilesSkipsDirectoriesAndIgnoresUnknownFields() {
        String json = """
                [
                  {"type":"directory","oid":"1111111111111111111111111111111111111111","size":0,"path":"onnx"},
                  {"type":"file","oid":"a16a55fda99d2f2e7b69cce5cf93ff4ad3049930","size":519,"path":"config.json",
                   "lastCommit":{"id":"x","title":"t","date":"2024-01-01T00:00:00.000Z"},"securityFileStatus":{}},
                  {"type":"file","oid":"2222222222222222222222222222222222222222","size":1234,
                   "path":"onnx/model.onnx","xetHash":"abc",
                   "lfs":{"oid":"%s","size":1234,"pointerSize":134}}
                ]
                """.formatted(SHA);

        List<RepoFile> files = TreeListingParser.parse(json);

        assertThat(files).containsExactly(
                RepoFile.regular("config.json", 519, BlobName.of("a16a55fda99d2f2e7b69cce5cf93ff4ad3049930")),
                new RepoFile("onnx/model.onnx", 1234, BlobName.of("2222222222222222222222222222222222222222"), BlobName.of(SHA), 1234L));
        assertThat(files.get(0).etag()).isEqualTo(BlobName.of("a16a55fda99d2f2e7b69cce5cf93ff4ad3049930"));
        assertThat(files.get(0).isLfs()).isFalse();
        assertThat(files.get(1).etag()).isEqualTo(BlobName.of(SHA));
        assertThat(files.get(1).isLfs()).isTrue();
    }

    @Test
    void parsesAStreamAndAnEmptyPage() throws Exception {
        byte[] body = "[{\"type\":\"file\",\"oid\":\"abababababababababababababababababababab\",\"size\":3,\"path\":\"données #1.txt\",\"lfs\":null}]"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(TreeListingParser.parse(new ByteArrayInputStream(body)))
                .containsExactly(RepoFile.regular("données #1.txt", 3, BlobName.of("abababababababababababababababababababab")));
        assertThat(TreeListingParser.parse("[]")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "/etc/passwd", "a/../../b", "C:/x", "a\\\\b", "a//b", "./a", ""})
    void rejectsUnsafePaths(String path) {
        String json = "[{\"type\":\"file\",\"oid\":\"abababababababababababababababababababab\",\"size\":1,\"path\":\"" + path + "\"}]";
        assertThatThrownBy(() -> TreeListingParser.parse(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tree entry #0");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}",
        "not json",
        "[1]",
        "[{\"type\":\"file\",\"oid\":\"abababababababababababababababababababab\",\"path\":\"a\"}]",
        "[{\"type\":\"file\",\"oid\":\"abababababababababababababababababababab\",\"size\":-1,\"path\":\"a\"}]",
        "[{\"type\":\"file\",\"oid\":\"abababababababababababababababababababab\",\"size\":\"3\",\"path\":\"a\"}]",
        "[{\"type\":\"file\",\"size\":3,\"path\":\"a\"}]",
        "[{\"type\":\"file\",\"oid\":\"abababababababababababababababababababab\",\"size\":3,\"path\":\"a\",\"lfs\":{\"size\":3}}]",
        "[{\"type\":\"file\",\"oid\":\"abababababababababababababababababababab\",\"size\":3,\"path\":\"a\",\"lfs\":\"x\"}]"
    })
    void rejectsMalformedPages(String json) {
        assertThatThrownBy(() -> TreeListingParser.parse(json)).isInstanceOf(IllegalArgumentException.class);
    }
}
