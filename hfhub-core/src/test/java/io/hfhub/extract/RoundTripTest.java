package io.hfhub.extract;

import static io.hfhub.extract.TestArchives.dir;
import static io.hfhub.extract.TestArchives.file;
import static io.hfhub.extract.TestArchives.zipDir;
import static io.hfhub.extract.TestArchives.zipFile;
import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.ArchiveFormat;
import io.hfhub.Archives;
import io.hfhub.ExtractOptions;
import io.hfhub.ExtractResult;
import io.hfhub.ExtractedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {
    private static final String UNICODE = "dir with spaces/ünïcødé 文件.txt";
    private static final byte[] BIG = new byte[600_000]; // more than one 256 KiB buffer

    static {
        new Random(42).nextBytes(BIG);
    }

    @TempDir
    Path tmp;

    static Stream<Arguments> treeFormats() {
        return Stream.of(
                Arguments.of("data.tar", "", ArchiveFormat.TAR),
                Arguments.of("data.tar.gz", "gz", ArchiveFormat.TAR_GZ),
                Arguments.of("data.tgz", "gz", ArchiveFormat.TAR_GZ),
                Arguments.of("data.tar.xz", "xz", ArchiveFormat.TAR_XZ),
                Arguments.of("data.tar.bz2", "bz2", ArchiveFormat.TAR_BZ2),
                Arguments.of("data.tar.zst", "zst", ArchiveFormat.TAR_ZST));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("treeFormats")
    void tarTreeRoundTrips(String name, String compression, ArchiveFormat expected) throws IOException {
        Path archive = TestArchives.tar(tmp.resolve(name), compression, tar -> {
            file(tar, "hello.txt", "hello");
            file(tar, UNICODE, "unicode");
            file(tar, "nested/a/b/c/deep.bin", BIG, 0644);
            file(tar, "nested/a/run.sh", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), 0755);
            file(tar, "empty.txt", "");
            dir(tar, "empty dir");
        });
        assertThat(Archives.detect(archive, name)).isEqualTo(expected);

        ExtractResult result = Archives.extract(archive, tmp.resolve("out"), ExtractOptions.defaults());

        assertTree(result);
        assertThat(Files.getPosixFilePermissions(tmp.resolve("out/nested/a/run.sh"))).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(Files.getPosixFilePermissions(tmp.resolve("out/hello.txt"))).doesNotContain(PosixFilePermission.OWNER_EXECUTE);
    }

    @Test
    void zipTreeRoundTrips() throws IOException {
        Path archive = TestArchives.zip(tmp.resolve("data.zip"), zip -> {
            zipFile(zip, "hello.txt", "hello");
            zipFile(zip, UNICODE, "unicode");
            zipFile(zip, "nested/a/b/c/deep.bin", BIG);
            ZipArchiveEntry script = new ZipArchiveEntry("nested/a/run.sh");
            script.setUnixMode(0100755);
            zip.putArchiveEntry(script);
            zip.write("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8));
            zip.closeArchiveEntry();
            zipFile(zip, "empty.txt", "");
            zipDir(zip, "empty dir");
        });
        assertThat(Archives.detect(archive, "data.zip")).isEqualTo(ArchiveFormat.ZIP);

        ExtractResult result = Archives.extract(archive, tmp.resolve("out"), ExtractOptions.defaults());

        assertTree(result);
        assertThat(Files.getPosixFilePermissions(tmp.resolve("out/nested/a/run.sh"))).contains(PosixFilePermission.OWNER_EXECUTE);
    }

    private void assertTree(ExtractResult result) throws IOException {
        Path out = tmp.resolve("out");
        assertThat(result.directory()).isEqualTo(out);
        assertThat(Files.readString(out.resolve("hello.txt"))).isEqualTo("hello");
        assertThat(Files.readString(out.resolve(UNICODE))).isEqualTo("unicode");
        assertThat(Files.readAllBytes(out.resolve("nested/a/b/c/deep.bin"))).isEqualTo(BIG);
        assertThat(out.resolve("empty.txt")).isEmptyFile();
        assertThat(out.resolve("empty dir")).isEmptyDirectory();
        assertThat(result.files()).extracting(ExtractedFile::path)
                .containsExactly("hello.txt", UNICODE, "nested/a/b/c/deep.bin", "nested/a/run.sh", "empty.txt");
        assertThat(result.totalBytes()).isEqualTo(5 + 7 + BIG.length + 10);
        assertThat(tmp).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"x.txt.gz,gz,GZ", "x.txt.xz,xz,XZ", "x.txt.bz2,bz2,BZ2", "x.txt.zst,zst,ZST"})
    void singleFileBecomesFolderWithOneFile(String name, String compression, ArchiveFormat expected) throws IOException {
        Path archive = TestArchives.single(tmp.resolve(name), compression, BIG);
        assertThat(Archives.detect(archive, name)).isEqualTo(expected);

        ExtractResult result = Archives.extract(archive, tmp.resolve("out"), ExtractOptions.defaults());

        assertThat(result.files()).containsExactly(new ExtractedFile("x.txt", BIG.length));
        assertThat(Files.readAllBytes(tmp.resolve("out/x.txt"))).isEqualTo(BIG);
    }

    @Test
    void namelessGzipUsesTheNameInItsHeader() throws IOException {
        Path blob = TestArchives.gzipWithName(tmp.resolve("blob"), "weights.bin", "w".getBytes(StandardCharsets.UTF_8));

        ExtractResult result = Archives.extract(blob, tmp.resolve("out"), ExtractOptions.defaults());

        assertThat(result.files()).extracting(ExtractedFile::path).containsExactly("weights.bin");
    }

    @Test
    void gzipHeaderNameWithAPathIsReducedToItsLastSegment() throws IOException {
        Path blob = TestArchives.gzipWithName(tmp.resolve("blob"), "../../etc/passwd", "w".getBytes(StandardCharsets.UTF_8));

        ExtractResult result = Archives.extract(blob, tmp.resolve("out"), ExtractOptions.defaults());

        assertThat(result.files()).extracting(ExtractedFile::path).containsExactly("passwd");
    }

    @Test
    void namelessGzipWithoutHeaderNameIsNamedAfterTheFile() throws IOException {
        Path blob = TestArchives.single(tmp.resolve("blob"), "gz", "w".getBytes(StandardCharsets.UTF_8));

        ExtractResult result = Archives.extract(blob, tmp.resolve("out"), ExtractOptions.defaults());

        assertThat(result.files()).extracting(ExtractedFile::path).containsExactly("blob");
    }

    @Test
    void tarWithDotSlashNamesExtractsAtTheRoot() throws IOException {
        Path archive = TestArchives.tar(tmp.resolve("dot.tar"), "", tar -> {
            dir(tar, "./");
            file(tar, "./a/b.txt", "b");
        });

        ExtractResult result = Archives.extract(archive, tmp.resolve("out"), ExtractOptions.defaults());

        assertThat(result.files()).containsExactly(new ExtractedFile("a/b.txt", 1));
    }

    @Test
    void zip64WithMoreThan65535Entries() throws IOException {
        int count = 65_540;
        Path archive = TestArchives.zip(tmp.resolve("many.zip"), zip -> {
            zip.setUseZip64(Zip64Mode.AsNeeded);
            zip.setMethod(ZipArchiveEntry.STORED);
            for (int i = 0; i < count; i++) {
                ZipArchiveEntry entry = new ZipArchiveEntry("d" + (i % 64) + "/f" + i);
                entry.setSize(0);
                entry.setCrc(0);
                zip.putArchiveEntry(entry);
                zip.closeArchiveEntry();
            }
        });

        ExtractResult result = Archives.extract(archive, tmp.resolve("out"), ExtractOptions.defaults());

        assertThat(result.files()).hasSize(count);
        assertThat(tmp.resolve("out/d" + ((count - 1) % 64) + "/f" + (count - 1))).isEmptyFile();
    }

    @Test
    void zipEntryCompressedWithBzip2CountsItsBytesForTheRatioLimit() throws IOException {
        byte[] random = new byte[2 << 20]; // incompressible: ratio about 1, far under any limit
        new Random(7).nextBytes(random);
        java.io.ByteArrayOutputStream bzip2 = new java.io.ByteArrayOutputStream();
        try (var out = TestArchives.compressed(bzip2, "bz2")) {
            out.write(random);
        }
        Path archive = TestArchives.handZip(tmp.resolve("bzip2.zip"), org.apache.commons.compress.archivers.zip.ZipMethod.BZIP2.getCode(),
                bzip2.toByteArray(), TestArchives.crc32(random), random.length, java.util.List.of("random.bin"));

        Archives.extract(archive, tmp.resolve("out"), ExtractOptions.defaults());

        assertThat(tmp.resolve("out/random.bin")).hasBinaryContent(random);
    }
}
