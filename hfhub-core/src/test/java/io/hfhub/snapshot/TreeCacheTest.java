package io.hfhub.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.store.BlobName;
import io.hfhub.store.CommitHash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TreeCacheTest {
    private static final String COMMIT = "11c5a3d5811f50298f278a704980280950aedb10";
    private static final String SHA = "7c5d3f4b8b76583b422fcb9189ad6c89d5d97a094541ce8932dce3ecabde1421";

    /** {@code json.dumps(data, indent=1)} printed by CPython 3.11 for {@link #sampleFiles()}. */
    private static final String PYTHON_OUTPUT = "{" + "\n"
            + " \"format_version\": 1," + "\n"
            + " \"files\": {" + "\n"
            + "  \"donn\\u00e9es #1.txt\": {" + "\n"
            + "   \"size\": 519," + "\n"
            + "   \"blob_id\": \"a16a55fda99d2f2e7b69cce5cf93ff4ad3049930\"" + "\n"
            + "  }," + "\n"
            + "  \"model.safetensors\": {" + "\n"
            + "   \"size\": 1234," + "\n"
            + "   \"blob_id\": \"2222222222222222222222222222222222222222\"," + "\n"
            + "   \"lfs_sha256\": \"7c5d3f4b8b76583b422fcb9189ad6c89d5d97a094541ce8932dce3ecabde1421\"," + "\n"
            + "   \"lfs_size\": 1234" + "\n"
            + "  }," + "\n"
            + "  \"q\\\".txt\": {" + "\n"
            + "   \"size\": 3," + "\n"
            + "   \"blob_id\": \"b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3\"" + "\n"
            + "  }," + "\n"
            + "  \"z.txt\": {" + "\n"
            + "   \"size\": 1," + "\n"
            + "   \"blob_id\": \"b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1\"" + "\n"
            + "  }," + "\n"
            + "  \"\\uff21.txt\": {" + "\n"
            + "   \"size\": 2," + "\n"
            + "   \"blob_id\": \"b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2\"" + "\n"
            + "  }," + "\n"
            + "  \"\\ud83d\\ude00.txt\": {" + "\n"
            + "   \"size\": 0," + "\n"
            + "   \"blob_id\": \"e69de29bb2d1d6434b8b29ae775ad8c2e48c5391\"" + "\n"
            + "  }" + "\n"
            + " }" + "\n"
            + "}";

    @TempDir Path dir;

    private static List<RepoFile> sampleFiles() {
        return List.of(
                RepoFile.regular("z.txt", 1, BlobName.of("b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1b1")),
                RepoFile.regular("donn\u00e9es #1.txt", 519, BlobName.of("a16a55fda99d2f2e7b69cce5cf93ff4ad3049930")),
                RepoFile.lfs("model.safetensors", 1234, BlobName.of("2222222222222222222222222222222222222222"), BlobName.of(SHA)),
                RepoFile.regular("\uD83D\uDE00.txt", 0, BlobName.of("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")),
                RepoFile.regular("\uFF21.txt", 2, BlobName.of("b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2")),
                RepoFile.regular("q\".txt", 3, BlobName.of("b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3b3")));
    }

    @Test
    void writesExactlyWhatPythonWrites() throws Exception {
        TreeCache cache = TreeCache.inRepoFolder(dir);
        cache.write(CommitHash.of(COMMIT), sampleFiles());

        Path file = dir.resolve("trees").resolve(COMMIT + ".json");
        assertThat(cache.fileFor(CommitHash.of(COMMIT))).isEqualTo(file);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(PYTHON_OUTPUT);
        assertThat(TreeCache.render(List.of())).isEqualTo("{\n \"format_version\": 1,\n \"files\": {}\n}");
    }

    @Test
    void roundTripsInPathOrder() throws Exception {
        TreeCache cache = TreeCache.inLocalDir(dir);
        cache.write(CommitHash.of(COMMIT), sampleFiles());

        assertThat(dir.resolve(".cache/huggingface/trees/" + COMMIT + ".json")).exists();
        List<RepoFile> read = cache.read(CommitHash.of(COMMIT)).orElseThrow();
        assertThat(read).containsExactlyInAnyOrderElementsOf(sampleFiles());
        assertThat(read.get(0).path()).isEqualTo("donn\u00e9es #1.txt");
        assertThat(read.get(read.size() - 1).path()).isEqualTo("\uD83D\uDE00.txt");
        try (Stream<Path> siblings = Files.list(dir.resolve(".cache/huggingface/trees"))) {
            assertThat(siblings).hasSize(1); // no temporary file left behind
        }
    }

    @Test
    void keepsXetHashesAfterTheLfsFieldsAsPythonWritesThem() throws Exception {
        String xet = "ab".repeat(32);
        RepoFile xetFile = new RepoFile("model.safetensors", 1234, BlobName.of("2".repeat(40)), BlobName.of(SHA), 1234L, xet);
        TreeCache cache = TreeCache.inRepoFolder(dir);
        cache.write(CommitHash.of(COMMIT), List.of(xetFile));

        assertThat(Files.readString(cache.fileFor(CommitHash.of(COMMIT)))).contains(
                "   \"lfs_size\": 1234,\n   \"xet_hash\": \"" + xet + "\"\n  }");
        assertThat(cache.read(CommitHash.of(COMMIT))).contains(List.of(xetFile));
    }

    @Test
    void readsWhatPythonWroteIncludingXetHashesInEitherCase() throws Exception {
        Path file = dir.resolve("trees").resolve(COMMIT + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, PYTHON_OUTPUT.replace("\"lfs_size\": 1234", "\"lfs_size\": 1234,\n   \"xet_hash\": \"" + "AB".repeat(32) + "\""));

        assertThat(TreeCache.inRepoFolder(dir).read(CommitHash.of(COMMIT)).orElseThrow())
                .filteredOn(f -> f.xetHash() != null).singleElement()
                .satisfies(f -> assertThat(f.xetHash()).isEqualTo("ab".repeat(32)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "5", "\"" + SHA + "0\"", "\"../" + SHA + "\""})
    void anUnusableXetHashMakesTheListingNotCachedAsInPython(String xetHash) throws Exception {
        Path file = dir.resolve("trees").resolve(COMMIT + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, PYTHON_OUTPUT.replace("\"lfs_size\": 1234", "\"lfs_size\": 1234,\n   \"xet_hash\": " + xetHash));

        assertThat(TreeCache.inRepoFolder(dir).read(CommitHash.of(COMMIT))).isEmpty();
    }

    @Test
    void rewritingReplacesTheListing() throws Exception {
        TreeCache cache = TreeCache.inRepoFolder(dir);
        cache.write(CommitHash.of(COMMIT), sampleFiles());
        cache.write(CommitHash.of(COMMIT), List.of(RepoFile.regular("a", 1, BlobName.of("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"))));

        assertThat(cache.read(CommitHash.of(COMMIT))).contains(List.of(RepoFile.regular("a", 1, BlobName.of("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"))));
    }

    @Test
    void missingFileIsNotCached() {
        assertThat(TreeCache.inRepoFolder(dir).read(CommitHash.of(COMMIT))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "{",
        "[]",
        "null",
        "{\"files\": {}}",
        "{\"format_version\": 2, \"files\": {}}",
        "{\"format_version\": \"1\", \"files\": {}}",
        "{\"format_version\": 1}",
        "{\"format_version\": 1, \"files\": []}",
        "{\"format_version\": 1, \"files\": {\"a\": {\"size\": 1}}}",
        "{\"format_version\": 1, \"files\": {\"a\": {\"blob_id\": \"b\"}}}",
        "{\"format_version\": 1, \"files\": {\"a\": {\"size\": \"1\", \"blob_id\": \"b\"}}}",
        "{\"format_version\": 1, \"files\": {\"a\": {\"size\": 1, \"blob_id\": \"b\", \"lfs_sha256\": \"s\"}}}",
        "{\"format_version\": 1, \"files\": {\"../a\": {\"size\": 1, \"blob_id\": \"b\"}}}",
        "{\"format_version\": 1, \"files\": {\"a\": 5}}"
    })
    void corruptOrUnknownVersionReadsAsNotCached(String content) throws Exception {
        Path file = dir.resolve("trees").resolve(COMMIT + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);

        assertThat(TreeCache.inRepoFolder(dir).read(CommitHash.of(COMMIT))).isEmpty();
    }

    @Test
    void invalidUtf8ReadsAsNotCached() throws Exception {
        Path file = dir.resolve("trees").resolve(COMMIT + ".json");
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'});

        assertThat(TreeCache.inRepoFolder(dir).read(CommitHash.of(COMMIT))).isEmpty();
    }

    @Test
    void nullLfsFieldsMeanARegularFile() throws Exception {
        Path file = dir.resolve("trees").resolve(COMMIT + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"format_version\": 1, \"files\": {\"a\": {\"size\": 1, \"blob_id\": \"" + "b".repeat(40) + "\", "
                + "\"lfs_sha256\": null, \"lfs_size\": null}}}");

        assertThat(TreeCache.inRepoFolder(dir).read(CommitHash.of(COMMIT))).contains(List.of(RepoFile.regular("a", 1, BlobName.of("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"main", "../11c5a3d5811f50298f278a704980280950aedb10", "11C5A3D5811F50298F278A704980280950AEDB10"})
    void rejectsNonCommitNames(String commit) {
        assertThatThrownBy(() -> TreeCache.inRepoFolder(dir).fileFor(CommitHash.of(commit)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
