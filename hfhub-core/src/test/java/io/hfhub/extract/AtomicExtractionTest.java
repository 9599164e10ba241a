package io.hfhub.extract;

import static io.hfhub.extract.TestArchives.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.Archives;
import io.hfhub.ExtractOptions;
import io.hfhub.HfHubException;
import io.hfhub.ProgressListener;
import io.hfhub.TestHubs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicExtractionTest {
    @TempDir
    Path tmp;
    Path archive;
    Path repoFolder;

    @BeforeEach
    void archive() throws IOException {
        archive = TestArchives.tar(tmp.resolve("blob"), "gz", tar -> {
            for (int i = 0; i < 50; i++) {
                file(tar, "dir" + (i % 5) + "/file" + i + ".txt", "content " + i);
            }
        });
        repoFolder = Files.createDirectory(tmp.resolve("models--org--name"));
    }

    @Test
    void eightThreadsExtractingTheSameBlobEndWithOneCompleteFolder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Path>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Callable<Path> task = () -> {
                start.await();
                return CacheExtraction.extractBlob(archive, "data.tar.gz", null, repoFolder, ExtractOptions.defaults());
            };
            results.add(pool.submit(task));
        }
        start.countDown();
        Set<Path> paths = new HashSet<>();
        for (Future<Path> result : results) {
            paths.add(result.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(paths).hasSize(1);
        Path folder = paths.iterator().next();
        assertThat(folder.getParent()).isEqualTo(repoFolder.resolve("extracted"));
        assertThat(countFiles(folder)).isEqualTo(50);
        try (Stream<Path> siblings = Files.list(folder.getParent())) {
            // the folder and the record of its sha256: every loser removed its temporary folder and file
            assertThat(siblings).containsExactlyInAnyOrder(folder,
                    folder.resolveSibling(folder.getFileName() + CacheExtraction.OWNER_SUFFIX));
        }
    }

    @Test
    void twoProcessesExtractingTheSameBlobEndWithOneCompleteFolder() throws Exception {
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", TestHubs.childClassPath(), ExtractBlobMain.class.getName(),
                    archive.toString(), repoFolder.toString())
                    .redirectErrorStream(true).start());
        }
        Set<String> outputs = new HashSet<>();
        for (Process process : processes) {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertThat(process.exitValue()).as(out).isZero();
            outputs.add(out);
        }

        assertThat(outputs).hasSize(1);
        Path folder = Path.of(outputs.iterator().next());
        assertThat(countFiles(folder)).isEqualTo(50);
        try (Stream<Path> siblings = Files.list(folder.getParent())) {
            // the folder and the record of its sha256: every loser removed its temporary folder and file
            assertThat(siblings).containsExactlyInAnyOrder(folder,
                    folder.resolveSibling(folder.getFileName() + CacheExtraction.OWNER_SUFFIX));
        }
    }

    @Test
    void secondCallFindsTheFolderAndDoesNoWork() throws IOException {
        Path first = CacheExtraction.extractBlob(archive, "data.tar.gz", null, repoFolder, ExtractOptions.defaults());
        Path sample = first.resolve("dir0/file0.txt");
        Files.setLastModifiedTime(sample, FileTime.fromMillis(1_000_000_000_000L));
        List<String> events = new CopyOnWriteArrayList<>();
        ExtractOptions recording = ExtractOptions.builder().progressListener(new ProgressListener() {
            @Override
            public void started(String name, long total, long alreadyDone) {
                events.add("started");
            }
        }).build();

        Path second = CacheExtraction.extractBlob(archive, "data.tar.gz", null, repoFolder, recording);

        assertThat(second).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(sample).toMillis()).isEqualTo(1_000_000_000_000L);
        assertThat(events).isEmpty();
    }

    @Test
    void folderIsNamedAfterTheFirstEightHexOfTheSha256() throws IOException {
        Path computed = CacheExtraction.extractBlob(archive, "data.tar.gz", null, repoFolder, ExtractOptions.defaults());
        String given = "ABCDEF0123456789" + "0".repeat(48);

        Path passed = CacheExtraction.extractBlob(archive, "data.tar.gz", given, repoFolder, ExtractOptions.defaults());

        assertThat(passed).isEqualTo(repoFolder.resolve("extracted/abcdef01"));
        assertThat(computed.getFileName().toString()).isEqualTo(CacheExtraction.hash8(archive, null)).hasSize(8);
    }

    @Test
    void blobsSharingTheFirstEightHexNeverGetEachOthersFolder() throws IOException {
        String shaA = "abcdef01" + "1".repeat(56);
        String shaB = "abcdef01" + "2".repeat(56);
        Path other = TestArchives.tar(tmp.resolve("other"), "gz", tar -> file(tar, "other.txt", "other"));

        Path a = CacheExtraction.extractBlob(archive, "data.tar.gz", shaA, repoFolder, ExtractOptions.defaults());
        Path b = CacheExtraction.extractBlob(other, "data.tar.gz", shaB, repoFolder, ExtractOptions.defaults());

        assertThat(a).isEqualTo(repoFolder.resolve("extracted/abcdef01"));
        assertThat(b).isEqualTo(repoFolder.resolve("extracted/abcdef0122222222"));
        assertThat(b.resolve("other.txt")).hasContent("other");
        assertThat(CacheExtraction.extractBlob(other, "data.tar.gz", shaB, repoFolder, ExtractOptions.defaults()))
                .isEqualTo(b);
        assertThat(CacheExtraction.extractBlob(archive, "data.tar.gz", shaA, repoFolder, ExtractOptions.defaults()))
                .isEqualTo(a);
        String shaC = "abcdef01" + "2".repeat(8) + "3".repeat(48); // collides at 16 digits too
        assertThatThrownBy(() -> CacheExtraction.extractBlob(other, "data.tar.gz", shaC, repoFolder,
                ExtractOptions.defaults()))
                .isInstanceOf(io.hfhub.UnsafeArchiveException.class)
                .hasMessageContaining("extraction folder collision");
    }

    @Test
    void aFolderWithoutARecordOfItsSha256IsNotTrusted() throws IOException {
        String sha = "abcdef01" + "1".repeat(56);
        Files.createDirectories(repoFolder.resolve("extracted/abcdef01/unknown"));

        Path folder = CacheExtraction.extractBlob(archive, "data.tar.gz", sha, repoFolder, ExtractOptions.defaults());

        assertThat(folder).isEqualTo(repoFolder.resolve("extracted/abcdef0111111111"));
        assertThat(countFiles(folder)).isEqualTo(50);
    }

    @Test
    void aPartialFolderVouchedForByALegacyRecordIsExtractedAgain() throws IOException {
        // earlier hfhub builds wrote the record first: a folder half-deleted (or half-written) by a killed process kept it
        Path folder = CacheExtraction.extractBlob(archive, "data.tar.gz", null, repoFolder, ExtractOptions.defaults());
        String sha = CacheExtraction.sha256(archive, null);
        for (int i = 0; i < 25; i++) {
            Files.delete(folder.resolve("dir" + (i % 5) + "/file" + i + ".txt"));
        }
        Files.writeString(folder.resolveSibling(folder.getFileName() + CacheExtraction.OWNER_SUFFIX), sha);

        Path again = CacheExtraction.extractBlob(archive, "data.tar.gz", null, repoFolder, ExtractOptions.defaults());

        assertThat(again).isEqualTo(folder);
        assertThat(countFiles(again)).isEqualTo(50);
    }

    @Test
    void aFolderPublishedByARunKilledBeforeItsRecordIsRecordedByTheNextRun() throws IOException {
        Path folder = CacheExtraction.extractBlob(archive, "data.tar.gz", null, repoFolder, ExtractOptions.defaults());
        Path record = folder.resolveSibling(folder.getFileName() + CacheExtraction.OWNER_SUFFIX);
        Files.delete(record); // killed between the rename and the record

        Path again = CacheExtraction.extractBlob(archive, "data.tar.gz", null, repoFolder, ExtractOptions.defaults());

        assertThat(again).isEqualTo(folder);
        assertThat(record).exists();
        assertThat(countFiles(again)).isEqualTo(50);
        try (Stream<Path> siblings = Files.list(folder.getParent())) {
            assertThat(siblings).containsExactlyInAnyOrder(folder, record);
        }
    }

    @Test
    void aKilledExtractionsTemporaryFolderIsRemovedByTheNextRun() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path dest = tmp.resolve("out");
        Path leftover = Files.createDirectories(tmp.resolve(".out.hfhub-" + gone.pid() + "-"
                + String.format("%08x", java.net.InetAddress.getLocalHost().getHostName().hashCode()) + ".0000abcd.tmp"));
        Files.writeString(leftover.resolve("half.txt"), "half");

        Archives.extract(archive, dest, ExtractOptions.defaults());

        assertThat(leftover).doesNotExist();
        assertThat(countFiles(dest)).isEqualTo(50);
    }

    @Test
    void blobWithoutExtensionIsDetectedByContent() throws IOException {
        Path blob = TestArchives.single(tmp.resolve("3f2a9c"), "gz", "hello".getBytes(StandardCharsets.UTF_8));

        Path folder = CacheExtraction.extractBlob(blob, "docs/readme.txt.gz", null, repoFolder, ExtractOptions.defaults());

        assertThat(Files.readString(folder.resolve("readme.txt"))).isEqualTo("hello");
    }

    @Test
    void nonArchiveIsReturnedUnchanged() throws IOException {
        Path blob = Files.writeString(tmp.resolve("c0ffee"), "just text, named like an archive");

        Path result = CacheExtraction.extractBlob(blob, "notes.gz", null, repoFolder, ExtractOptions.defaults());

        assertThat(result).isEqualTo(blob);
        assertThat(repoFolder).isEmptyDirectory();
    }

    @Test
    void failedExtractionLeavesNothingBehind() throws IOException {
        byte[] whole = Files.readAllBytes(archive);
        Path truncated = Files.write(tmp.resolve("truncated.tar.gz"), java.util.Arrays.copyOf(whole, whole.length / 2));
        Path work = Files.createDirectory(tmp.resolve("work"));
        List<String> events = new CopyOnWriteArrayList<>();
        ExtractOptions recording = ExtractOptions.builder().progressListener(new ProgressListener() {
            @Override
            public void failed(String name, Throwable error) {
                events.add("failed " + name);
            }
        }).build();

        assertThatThrownBy(() -> Archives.extract(truncated, work.resolve("out"), recording))
                .isInstanceOf(HfHubException.class).hasMessageContaining("truncated.tar.gz");

        assertThat(work).isEmptyDirectory();
        assertThat(events).containsExactly("failed truncated.tar.gz");
    }

    @Test
    void nonEmptyDestinationIsRefusedByArchivesExtract() throws IOException {
        Path dest = Files.createDirectory(tmp.resolve("dest"));
        Files.writeString(dest.resolve("mine.txt"), "keep me");

        assertThatThrownBy(() -> Archives.extract(archive, dest, ExtractOptions.defaults()))
                .isInstanceOf(HfHubException.class).hasMessageContaining("not empty");
        assertThat(Files.readString(dest.resolve("mine.txt"))).isEqualTo("keep me");
    }

    @Test
    void emptyDestinationIsFilled() throws IOException {
        Path dest = Files.createDirectory(tmp.resolve("dest"));

        assertThat(Archives.extract(archive, dest, ExtractOptions.defaults()).files()).hasSize(50);
    }

    @Test
    void progressIsReportedUnderTheArchiveName() throws IOException {
        long archiveSize = Files.size(archive);
        List<String> events = new CopyOnWriteArrayList<>();
        ExtractOptions recording = ExtractOptions.builder().progressListener(new ProgressListener() {
            @Override
            public void started(String name, long total, long alreadyDone) {
                events.add("started " + name + " " + (total == archiveSize) + " " + alreadyDone);
            }

            @Override
            public void finished(String name, long total) {
                events.add("finished " + name + " " + total);
            }
        }).build();

        var result = Archives.extract(archive, tmp.resolve("out"), recording);

        assertThat(events).containsExactly("started blob true 0", "finished blob " + result.totalBytes());
    }

    @Test
    void textNamedLikeAnArchiveIsNotAnArchive() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.gz"), "plain text");

        assertThat(Archives.detect(text, "notes.gz")).isEqualTo(io.hfhub.ArchiveFormat.NONE);
        assertThatThrownBy(() -> Archives.extract(text, tmp.resolve("out"), ExtractOptions.defaults()))
                .isInstanceOf(HfHubException.class).hasMessageContaining("not an archive");
    }

    @Test
    void zipNamedTarGzIsExtractedAsZip() throws IOException {
        Path zip = TestArchives.zip(tmp.resolve("fake.tar.gz"), z -> TestArchives.zipFile(z, "in.txt", "zip"));

        assertThat(Archives.detect(zip, "fake.tar.gz")).isEqualTo(io.hfhub.ArchiveFormat.ZIP);
        assertThat(Archives.extract(zip, tmp.resolve("out"), ExtractOptions.defaults()).files()).hasSize(1);
    }

    @Test
    void gzipHoldingATarIsATarGzWhateverItsName() throws IOException {
        assertThat(Archives.detect(archive, "data.gz")).isEqualTo(io.hfhub.ArchiveFormat.TAR_GZ);
        Path single = TestArchives.single(tmp.resolve("x.tar.gz"), "gz", "not a tar".getBytes(StandardCharsets.UTF_8));
        assertThat(Archives.detect(single, "x.tar.gz")).isEqualTo(io.hfhub.ArchiveFormat.GZ);
    }

    @Test
    void environmentSizesAcceptSuffixes() {
        assertThat(ExtractOptions.fromEnvironment(Map.of("HFHUB_EXTRACT_MAX_BYTES", "2G")).maxBytes()).isEqualTo(2L << 30);
        assertThat(ExtractOptions.fromEnvironment(Map.of()).maxBytes()).isEqualTo(64L << 30);
        assertThatThrownBy(() -> ExtractOptions.fromEnvironment(Map.of("HFHUB_EXTRACT_MAX_BYTES", "lots")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HFHUB_EXTRACT_MAX_BYTES");
    }

    private static long countFiles(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    /** The child JVM of the two-process test: extracts and prints the folder. */
    public static final class ExtractBlobMain {
        public static void main(String[] args) {
            System.out.println(CacheExtraction.extractBlob(Path.of(args[0]), "data.tar.gz", null, Path.of(args[1]),
                    ExtractOptions.defaults()));
        }
    }
}
