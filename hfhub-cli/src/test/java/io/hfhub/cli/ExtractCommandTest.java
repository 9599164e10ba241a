package io.hfhub.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractCommandTest {
    @TempDir
    Path tmp;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    @Test
    void extractsBesideTheArchiveAndPrintsTheFolderLast() throws IOException {
        Path archive = tarGz(tmp.resolve("data.tar.gz"), 10);

        int status = Main.run("extract", archive.toString());

        assertThat(status).isZero();
        assertThat(lastLine(stdout)).isEqualTo(tmp.resolve("data").toString());
        assertThat(Files.readString(tmp.resolve("data/file.txt"))).isEqualTo("0123456789");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("Extracted 1 files");
    }

    @Test
    void explicitDestinationAndQuiet() throws IOException {
        Path archive = tarGz(tmp.resolve("data.tar.gz"), 10);

        int status = Main.run("extract", "--quiet", archive.toString(), tmp.resolve("elsewhere").toString());

        assertThat(status).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8).trim()).isEqualTo(tmp.resolve("elsewhere").toString());
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void jsonIsOneDocumentWithThePath() throws IOException {
        Path archive = tarGz(tmp.resolve("data.tar.gz"), 10);

        int status = Main.run("extract", archive.toString(), "--format", "json");

        assertThat(status).isZero();
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(stdout.toString(StandardCharsets.UTF_8));
        assertThat(json.get("path").asText()).isEqualTo(tmp.resolve("data").toString());
        assertThat(json.get("files").asInt()).isEqualTo(1);
        assertThat(json.get("size_bytes").asLong()).isEqualTo(10);
        assertThat(json.get("size").asText()).isEqualTo("10 B");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void limitCrossedIsOneLineOnStderrAndStatusOne() throws IOException {
        Path archive = tarGz(tmp.resolve("data.tar.gz"), 4096);

        int status = Main.run("extract", "--max-bytes", "1K", archive.toString());

        assertThat(status).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8).strip()).contains("1,024 bytes").doesNotContain("\n");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(tmp.resolve("data")).doesNotExist();
    }

    @Test
    void ratioAndEntryLimitsHaveFlagsAndTheMessagesNameThem() throws IOException {
        Path archive = tarGz(tmp.resolve("data.tar.gz"), 2 << 20); // 2 MiB of a repeated pattern: ratio > 100

        assertThat(Main.run("extract", "--max-ratio", "10", archive.toString())).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("--max-ratio");
        stderr.reset();
        assertThat(Main.run("extract", "--max-entries", "1", tarGz(tmp.resolve("two.tar.gz"), 10, 2).toString()))
                .isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("more than 1 entries").contains("--max-entries");
        assertThat(Main.run("extract", "--max-ratio", "10000", "--max-entries", "5", archive.toString())).isZero();
    }

    @Test
    void extractingAgainIntoTheSameFolderSucceeds() throws IOException {
        Path archive = tarGz(tmp.resolve("data.tar.gz"), 10);
        assertThat(Main.run("extract", "--quiet", archive.toString())).isZero();

        assertThat(Main.run("extract", "--quiet", archive.toString())).isZero();
        assertThat(Files.readString(tmp.resolve("data/file.txt"))).isEqualTo("0123456789");
    }

    @Test
    void notAnArchiveIsStatusOne() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.gz"), "text");

        assertThat(Main.run("extract", text.toString())).isEqualTo(1);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("not an archive");
    }

    @Test
    void usageErrorsAreStatusTwo() {
        assertThat(Main.run("extract")).isEqualTo(2);
        assertThat(Main.run("extract", "--max-bytes", "lots", "x.zip")).isEqualTo(2);
    }

    private static Path tarGz(Path out, int size) throws IOException {
        return tarGz(out, size, 1);
    }

    private static Path tarGz(Path out, int size, int files) throws IOException {
        try (OutputStream file = new GzipCompressorOutputStream(Files.newOutputStream(out));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            byte[] content = new byte[size];
            for (int i = 0; i < size; i++) {
                content[i] = (byte) ('0' + i % 10);
            }
            for (int f = 0; f < files; f++) {
                TarArchiveEntry entry = new TarArchiveEntry(f == 0 ? "file.txt" : "file" + f + ".txt");
                entry.setSize(size);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return out;
    }

    private static String lastLine(ByteArrayOutputStream out) {
        String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
        return lines[lines.length - 1];
    }
}
