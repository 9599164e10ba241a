package io.hfhub.extract;

import static io.hfhub.extract.TestArchives.dir;
import static io.hfhub.extract.TestArchives.file;
import static io.hfhub.extract.TestArchives.hardlink;
import static io.hfhub.extract.TestArchives.special;
import static io.hfhub.extract.TestArchives.symlink;
import static io.hfhub.extract.TestArchives.zipFile;
import static io.hfhub.extract.TestArchives.zipSymlink;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.ArchiveTooLargeException;
import io.hfhub.Archives;
import io.hfhub.ExtractOptions;
import io.hfhub.UnsafeArchiveException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every refusal leaves the work folder as it was: no destination, no temporary folder, nothing outside. */
class HostileArchiveTest {
    @TempDir
    Path tmp;
    Path work;
    Path dest;

    @BeforeEach
    void folders() throws IOException {
        work = Files.createDirectory(tmp.resolve("work"));
        dest = work.resolve("dest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "a/../../evil", "/abs/evil", "C:\\evil", "C:/evil", "a\\..\\evil"})
    void pathsLeavingTheDestinationAreRefused(String name) throws IOException {
        Path archive = TestArchives.tar(tmp.resolve("bad.tar"), "", tar -> {
            file(tar, "ok.txt", "fine");
            TarArchiveEntry entry = new TarArchiveEntry(name, true); // preserveAbsolutePath: keep the name raw
            entry.setSize(4);
            tar.putArchiveEntry(entry);
            tar.write("evil".getBytes());
            tar.closeArchiveEntry();
        });

        assertRefused(archive, UnsafeArchiveException.class, name);
    }

    @Test
    void zipSlipIsRefused() throws IOException {
        Path archive = TestArchives.zip(tmp.resolve("bad.zip"), zip -> zipFile(zip, "../evil", "evil"));

        assertRefused(archive, UnsafeArchiveException.class, "../evil");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc", "../outside", "sub/../../outside"})
    void symlinksLeavingTheDestinationAreRefused(String target) throws IOException {
        Path archive = TestArchives.tar(tmp.resolve("bad.tar"), "", tar -> symlink(tar, "link", target));

        assertRefused(archive, UnsafeArchiveException.class, "link");
    }

    @Test
    void zipSymlinkLeavingTheDestinationIsRefused() throws IOException {
        Path archive = TestArchives.zip(tmp.resolve("bad.zip"), zip -> zipSymlink(zip, "link", "../../etc/passwd"));

        assertRefused(archive, UnsafeArchiveException.class, "link");
    }

    @Test
    void symlinkChainEscapingThroughAnotherLinkIsRefused() throws IOException {
        // p/q/b -> ../../r is inside; a -> p/q/b/../.. looks like the root but resolves to its parent.
        Path archive = TestArchives.tar(tmp.resolve("bad.tar"), "", tar -> {
            dir(tar, "p/q");
            symlink(tar, "a", "p/q/b/../..");
            symlink(tar, "p/q/b", "../../r");
        });

        assertRefused(archive, UnsafeArchiveException.class, "'a'");
    }

    @Test
    void writingThroughASymlinkIsRefused() throws IOException {
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Path archive = TestArchives.tar(tmp.resolve("bad.tar"), "", tar -> {
            symlink(tar, "a", outside.toString());
            file(tar, "a/x", "pwned");
        });

        assertRefused(archive, UnsafeArchiveException.class, "'a");
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void writingThroughAnInsideSymlinkIsRefusedToo() throws IOException {
        Path archive = TestArchives.tar(tmp.resolve("bad.tar"), "", tar -> {
            dir(tar, "real");
            symlink(tar, "a", "real");
            file(tar, "a/x", "through the link");
        });

        assertRefused(archive, UnsafeArchiveException.class, "symbolic link 'a'");
    }

    @Test
    void symlinksInsideTheDestinationAreKept() throws IOException {
        Path archive = TestArchives.tar(tmp.resolve("ok.tar"), "", tar -> {
            file(tar, "models/v1/weights.bin", "w");
            symlink(tar, "latest", "models/v1");
            symlink(tar, "models/current.bin", "v1/weights.bin");
        });

        Archives.extract(archive, dest, ExtractOptions.defaults());

        assertThat(Files.readSymbolicLink(dest.resolve("latest")).toString()).isEqualTo("models/v1");
        assertThat(Files.readString(dest.resolve("models/current.bin"))).isEqualTo("w");
    }

    @Test
    void fileThenSymlinkThenFileOfTheSameNameLeavesTheLastFile() throws IOException {
        Path archive = TestArchives.tar(tmp.resolve("ok.tar"), "", tar -> {
            file(tar, "a", "first");
            symlink(tar, "a", "b");
            file(tar, "a", "last");
        });

        Archives.extract(archive, dest, ExtractOptions.defaults());

        assertThat(dest.resolve("a")).isRegularFile().hasContent("last");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "/etc/passwd", "missing.txt"})
    void hardlinksToAnythingButAnEarlierFileAreRefused(String target) throws IOException {
        Path archive = TestArchives.tar(tmp.resolve("bad.tar"), "", tar -> {
            file(tar, "ok.txt", "fine");
            hardlink(tar, "h", target);
        });

        assertRefused(archive, UnsafeArchiveException.class, "'h'");
    }

    @Test
    void hardlinkInsideBecomesASecondNameForTheFile() throws IOException {
        Path archive = TestArchives.tar(tmp.resolve("ok.tar"), "", tar -> {
            file(tar, "a.txt", "same");
            hardlink(tar, "sub/b.txt", "a.txt");
        });

        var result = Archives.extract(archive, dest, ExtractOptions.defaults());

        assertThat(Files.readString(dest.resolve("sub/b.txt"))).isEqualTo("same");
        assertThat(result.totalBytes()).isEqualTo(8);
    }

    @ParameterizedTest
    @ValueSource(bytes = {TarConstants.LF_CHR, TarConstants.LF_BLK, TarConstants.LF_FIFO})
    void devicesAndFifosAreRefused(byte type) throws IOException {
        Path archive = TestArchives.tar(tmp.resolve("bad.tar"), "", tar -> special(tar, "dev/thing", type));

        assertRefused(archive, UnsafeArchiveException.class, "dev/thing");
    }

    @Test
    void setuidSetgidAndStickyBitsAreDroppedButExecutableKept() throws IOException {
        Path archive = TestArchives.tar(tmp.resolve("suid.tar"), "", tar -> file(tar, "bin/tool", new byte[] {1}, 07755));

        Archives.extract(archive, dest, ExtractOptions.defaults());

        int mode = (Integer) Files.getAttribute(dest.resolve("bin/tool"), "unix:mode", LinkOption.NOFOLLOW_LINKS);
        assertThat(mode & 07000).isZero();
        assertThat(mode & 0100).isEqualTo(0100);
    }

    @Test
    void totalBytesLimitStopsTheExtraction() throws IOException {
        Path archive = TestArchives.tar(tmp.resolve("big.tar"), "", tar -> {
            file(tar, "a.bin", new byte[3000], 0644);
            file(tar, "b.bin", new byte[3000], 0644);
        });
        ExtractOptions options = ExtractOptions.builder().maxBytes(5000).build();

        assertRefused(archive, options, ArchiveTooLargeException.class, "5,000 bytes");
    }

    @Test
    void totalBytesLimitComesFromTheEnvironment() throws IOException {
        Path archive = TestArchives.tar(tmp.resolve("big.tar"), "", tar -> file(tar, "a.bin", new byte[3000], 0644));
        ExtractOptions options = ExtractOptions.fromEnvironment(java.util.Map.of("HFHUB_EXTRACT_MAX_BYTES", "2K"));

        assertRefused(archive, options, ArchiveTooLargeException.class, "HFHUB_EXTRACT_MAX_BYTES");
    }

    @Test
    void entryCountLimitStopsTheExtraction() throws IOException {
        Path archive = TestArchives.tar(tmp.resolve("many.tar"), "", tar -> {
            for (int i = 0; i < 11; i++) {
                file(tar, "f" + i, "");
            }
        });
        ExtractOptions options = ExtractOptions.builder().maxEntries(10).build();

        assertRefused(archive, options, ArchiveTooLargeException.class, "10 entries");
    }

    @Test
    void gzipBombOfZerosCrossesTheDefaultRatioLimit() throws IOException {
        Path archive = TestArchives.tar(tmp.resolve("bomb.tar.gz"), "gz",
                tar -> file(tar, "zeros", new byte[50 << 20], 0644));

        assertRefused(archive, ExtractOptions.defaults(), ArchiveTooLargeException.class, "compression-ratio");
    }

    @Test
    void ratioLimitAppliesToZipsToo() throws IOException {
        Path archive = TestArchives.zip(tmp.resolve("bomb.zip"), zip -> zipFile(zip, "zeros", new byte[4 << 20]));
        ExtractOptions options = ExtractOptions.builder().maxCompressionRatio(100).build();

        assertRefused(archive, options, ArchiveTooLargeException.class, "compression-ratio");
    }

    @Test
    void zipRecordsSharingOneEntrysDataAreRefused() throws IOException {
        // 64 records, one stored 64 KiB entry: each looks like ratio 1, together 4 MiB from a 70 KB file.
        byte[] data = new byte[64 << 10];
        new java.util.Random(1).nextBytes(data);
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < 64; i++) {
            names.add(String.format("f%02d", i));
        }
        Path archive = TestArchives.handZip(tmp.resolve("overlap.zip"), 0, data, TestArchives.crc32(data), data.length, names);
        ExtractOptions options = ExtractOptions.builder().maxCompressionRatio(10).build();

        assertThatThrownBy(() -> Archives.extract(archive, dest, options))
                .isInstanceOfAny(UnsafeArchiveException.class, ArchiveTooLargeException.class)
                .hasMessageContaining("f01");
        assertThat(work).as("nothing left behind").isEmptyDirectory();
    }

    @Test
    void corruptZipEntryFailsItsCrcCheck() throws IOException {
        Path archive = TestArchives.zip(tmp.resolve("ok.zip"), zip -> {
            zip.setMethod(org.apache.commons.compress.archivers.zip.ZipArchiveEntry.STORED);
            org.apache.commons.compress.archivers.zip.ZipArchiveEntry entry =
                    new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("f.txt");
            entry.setSize(5);
            entry.setCrc(new java.util.zip.CRC32() {{ update("hello".getBytes()); }}.getValue());
            zip.putArchiveEntry(entry);
            zip.write("hello".getBytes());
            zip.closeArchiveEntry();
        });
        byte[] bytes = Files.readAllBytes(archive);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        bytes[text.indexOf("hello")] = 'j';
        Files.write(archive, bytes);

        assertRefused(archive, ExtractOptions.defaults(), io.hfhub.HfHubException.class, "CRC-32");
    }

    @Test
    void truncatedGzipHeaderFailsClearlyAndLeaksNoFileDescriptor() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "Linux only");
        Path archive = Files.write(tmp.resolve("short.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0});
        long before = openFileDescriptors();

        for (int i = 0; i < 50; i++) {
            assertRefused(archive, ExtractOptions.defaults(), io.hfhub.HfHubException.class, "EOFException");
        }

        assertThat(openFileDescriptors()).isLessThanOrEqualTo(before + 5);
    }

    private static long openFileDescriptors() throws IOException {
        try (java.util.stream.Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private void assertRefused(Path archive, Class<? extends Throwable> type, String messagePart) {
        assertRefused(archive, ExtractOptions.defaults(), type, messagePart);
    }

    private void assertRefused(Path archive, ExtractOptions options, Class<? extends Throwable> type, String messagePart) {
        assertThatThrownBy(() -> Archives.extract(archive, dest, options))
                .isInstanceOf(type)
                .hasMessageContaining(messagePart);
        assertThat(work).as("no destination and no temporary folder left").isEmptyDirectory();
        assertThat(tmp.resolve("evil")).doesNotExist();
        assertThat(tmp.resolve("outside/x")).doesNotExist();
    }
}
