package io.hfhub.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.store.BlobName;
import io.hfhub.store.CommitHash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalDirMetadataTest {
    private static final String COMMIT = "11c5a3d5811f50298f278a704980280950aedb10";
    private static final String OTHER_COMMIT = "22c5a3d5811f50298f278a704980280950aedb10";
    private static final String GIT_ETAG = "a16a55fda99d2f2e7b69cce5cf93ff4ad3049930";
    /** sha256("hello"). */
    private static final String HELLO_SHA = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    private static final Instant NOW = Instant.ofEpochSecond(1_712_656_091L, 123_000_000L);

    @TempDir Path dir;
    private final LocalDirMetadata metadata = new LocalDirMetadata(Clock.fixed(NOW, ZoneOffset.UTC));

    private Path placeFile(String repoPath, String content, Instant mtime) throws Exception {
        Path file = new LocalDirPaths(dir, repoPath).file();
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(mtime));
        return file;
    }

    @Test
    void pathsFollowPythonLayout() {
        LocalDirPaths paths = new LocalDirPaths(dir, "sub/file.bin");
        Path download = dir.resolve(".cache/huggingface/download");

        assertThat(paths.file()).isEqualTo(dir.resolve("sub/file.bin"));
        assertThat(paths.metadata()).isEqualTo(download.resolve("sub/file.bin.metadata"));
        assertThat(paths.lock()).isEqualTo(download.resolve("sub/file.bin.lock"));
        // base64.urlsafe_b64encode(hashlib.sha1(b"file.bin.metadata").digest()) in CPython
        assertThat(paths.incomplete(BlobName.of(HELLO_SHA)))
                .isEqualTo(download.resolve("sub/rGW3tLGzKtIDtDILroHQz6vQ-Xc=." + HELLO_SHA + ".incomplete"));
        assertThat(paths.incomplete(BlobName.of(HELLO_SHA), "0a1b2c3d"))
                .isEqualTo(download.resolve("sub/rGW3tLGzKtIDtDILroHQz6vQ-Xc=." + HELLO_SHA + ".0a1b2c3d.incomplete"));
        assertThat(LocalDirPaths.shortHash("donn\u00e9es.metadata")).isEqualTo("WJdxDhu_EtC0_jDFQF-bAgU5GBw=");
    }

    @Test
    void rejectsUnsafePathsAndEtags() {
        assertThatThrownBy(() -> new LocalDirPaths(dir, "../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LocalDirPaths(dir, "a").incomplete(BlobName.of("../e")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesPythonFormatAndReadsItBack() throws Exception {
        placeFile("sub/file.bin", "x", NOW.minusSeconds(5));

        DownloadMetadata written = metadata.write(dir, "sub/file.bin", CommitHash.of(COMMIT), BlobName.of(GIT_ETAG));

        Path huggingface = dir.resolve(".cache/huggingface");
        assertThat(Files.readString(huggingface.resolve("download/sub/file.bin.metadata")))
                .isEqualTo(COMMIT + "\n" + GIT_ETAG + "\n1712656091.123\n");
        assertThat(Files.readString(huggingface.resolve(".gitignore"))).isEqualTo("*");
        assertThat(Files.readString(huggingface.resolve("CACHEDIR.TAG")))
                .startsWith("Signature: 8a477f597d28d172789f06886806bc55\n")
                .endsWith("#\thttps://bford.info/cachedir/\n");
        assertThat(metadata.read(dir, "sub/file.bin")).contains(written);
        assertThat(written.timestamp()).isEqualTo(1712656091.123);
    }

    @Test
    void formatsTimestampsLikePythonRepr() {
        assertThat(DownloadMetadata.pythonRepr(1712656091.123)).isEqualTo("1712656091.123");
        assertThat(DownloadMetadata.pythonRepr(1712656091.0)).isEqualTo("1712656091.0");
        assertThat(DownloadMetadata.pythonRepr(1712656091.1234567)).isEqualTo("1712656091.1234567");
        assertThat(DownloadMetadata.pythonRepr(1e9 + 0.1)).isEqualTo("1000000000.1");
        assertThat(DownloadMetadata.pythonRepr(1712656091.9999998)).isEqualTo("1712656091.9999998");
    }

    @Test
    void metadataIsValidOnlyWhileFileMtimeMinusOneSecondIsNotLater() throws Exception {
        placeFile("a.txt", "x", NOW);
        metadata.write(dir, "a.txt", CommitHash.of(COMMIT), BlobName.of(GIT_ETAG));
        Path file = dir.resolve("a.txt");

        Files.setLastModifiedTime(file, FileTime.from(NOW.plusMillis(1000)));
        assertThat(metadata.read(dir, "a.txt")).isPresent(); // exactly one second later: still trusted

        Files.setLastModifiedTime(file, FileTime.from(NOW.plusMillis(1001)));
        assertThat(metadata.read(dir, "a.txt")).isEmpty(); // edited after the download
        assertThat(new LocalDirPaths(dir, "a.txt").metadata()).exists(); // stale metadata is not deleted

        Files.delete(file);
        assertThat(metadata.read(dir, "a.txt")).isEmpty();
    }

    @Test
    void readsWhatPythonWroteIncludingCrLfAndSpaces() throws Exception {
        placeFile("a.txt", "x", Instant.ofEpochSecond(1_712_656_000L));
        Path md = new LocalDirPaths(dir, "a.txt").metadata();
        Files.createDirectories(md.getParent());
        Files.writeString(md, COMMIT + "\r\n " + GIT_ETAG + " \r\n1712656091.1234567\r\n");

        assertThat(metadata.read(dir, "a.txt")).contains(new DownloadMetadata(COMMIT, GIT_ETAG, 1712656091.1234567));
    }

    @Test
    void corruptMetadataIsDeleted() throws Exception {
        placeFile("a.txt", "x", NOW);
        Path md = new LocalDirPaths(dir, "a.txt").metadata();
        Files.createDirectories(md.getParent());
        Files.writeString(md, COMMIT + "\n" + GIT_ETAG + "\nnot-a-number\n");

        assertThat(metadata.read(dir, "a.txt")).isEmpty();
        assertThat(md).doesNotExist();
    }

    @Test
    void missingMetadataReadsAsEmpty() throws Exception {
        placeFile("a.txt", "x", NOW);
        assertThat(metadata.read(dir, "a.txt")).isEmpty();
        assertThat(dir.resolve(".cache")).doesNotExist(); // reading creates nothing
    }

    @Test
    void parsesPythonFloatSyntax() {
        String prefix = COMMIT + "\n" + GIT_ETAG + "\n";
        assertThat(LocalDirMetadata.parse((prefix + "1_712_656_091.5").getBytes(StandardCharsets.UTF_8)))
                .map(DownloadMetadata::timestamp).contains(1712656091.5);
        assertThat(LocalDirMetadata.parse((prefix + "1.7e9\n").getBytes(StandardCharsets.UTF_8)))
                .map(DownloadMetadata::timestamp).contains(1.7e9);
        assertThat(LocalDirMetadata.parse((prefix + "inf\n").getBytes(StandardCharsets.UTF_8)))
                .map(DownloadMetadata::timestamp).contains(Double.POSITIVE_INFINITY);
        assertThat(LocalDirMetadata.parse((prefix + "0x10\n").getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(LocalDirMetadata.parse((prefix + "1.5d\n").getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(LocalDirMetadata.parse(prefix.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void matchingEtagKeepsTheFileAndRefreshesTheCommit() throws Exception {
        placeFile("a.txt", "x", NOW.minusSeconds(60));
        metadata.write(dir, "a.txt", CommitHash.of(COMMIT), BlobName.of(GIT_ETAG));

        assertThat(metadata.isUpToDate(dir, "a.txt", CommitHash.of(OTHER_COMMIT), BlobName.of(GIT_ETAG))).isTrue();
        assertThat(metadata.read(dir, "a.txt").orElseThrow().commitHash()).isEqualTo(OTHER_COMMIT);
        assertThat(metadata.isAtCommit(dir, "a.txt", CommitHash.of(OTHER_COMMIT))).isTrue();
        assertThat(metadata.isAtCommit(dir, "a.txt", CommitHash.of(COMMIT))).isFalse();
    }

    @Test
    void differentEtagWithValidMetadataIsNotUpToDateEvenIfContentMatches() throws Exception {
        placeFile("a.bin", "hello", NOW.minusSeconds(60));
        metadata.write(dir, "a.bin", CommitHash.of(COMMIT), BlobName.of(GIT_ETAG));

        // Python does not hash when valid metadata exists: the recorded ETag is authoritative.
        assertThat(metadata.isUpToDate(dir, "a.bin", CommitHash.of(COMMIT), BlobName.of(HELLO_SHA))).isFalse();
    }

    @Test
    void withoutMetadataAnLfsFileIsAdoptedWhenItsSha256Matches() throws Exception {
        placeFile("a.bin", "hello", NOW.minusSeconds(60));

        assertThat(metadata.isUpToDate(dir, "a.bin", CommitHash.of(COMMIT), BlobName.of(HELLO_SHA))).isTrue();
        assertThat(metadata.read(dir, "a.bin")).contains(new DownloadMetadata(COMMIT, HELLO_SHA, 1712656091.123));
    }

    @Test
    void withoutMetadataAWrongHashOrAGitEtagMeansDownload() throws Exception {
        placeFile("a.bin", "hello!", NOW.minusSeconds(60));
        assertThat(metadata.isUpToDate(dir, "a.bin", CommitHash.of(COMMIT), BlobName.of(HELLO_SHA))).isFalse();

        placeFile("b.txt", "hello", NOW.minusSeconds(60));
        assertThat(metadata.isUpToDate(dir, "b.txt", CommitHash.of(COMMIT), BlobName.of(GIT_ETAG))).isFalse();
        assertThat(new LocalDirPaths(dir, "b.txt").metadata()).doesNotExist();
    }

    @Test
    void staleMetadataFallsBackToHashing() throws Exception {
        placeFile("a.bin", "hello", NOW.minusSeconds(60));
        metadata.write(dir, "a.bin", CommitHash.of(COMMIT), BlobName.of("0".repeat(64)));
        Files.setLastModifiedTime(dir.resolve("a.bin"), FileTime.from(NOW.plusSeconds(30)));

        assertThat(metadata.isUpToDate(dir, "a.bin", CommitHash.of(COMMIT), BlobName.of(HELLO_SHA))).isTrue();
    }

    @Test
    void missingFileIsNeverUpToDate() throws Exception {
        assertThat(metadata.isUpToDate(dir, "nope.bin", CommitHash.of(COMMIT), BlobName.of(HELLO_SHA))).isFalse();
        assertThat(metadata.isAtCommit(dir, "nope.bin", CommitHash.of(COMMIT))).isFalse();
    }
}
