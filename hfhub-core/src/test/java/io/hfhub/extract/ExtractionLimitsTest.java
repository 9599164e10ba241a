package io.hfhub.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.ArchiveTooLargeException;
import io.hfhub.Archives;
import io.hfhub.ExtractOptions;
import io.hfhub.ProgressListener;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits a bomb cannot walk around: ratio per entry and per window of output, entry count before any work. */
class ExtractionLimitsTest {
    @TempDir
    Path tmp;

    @Test
    void randomBytesFollowedByZerosAreRefusedWithinOneWindow() throws IOException {
        // 4 MB of random bytes keep the whole-archive ratio low (~50 for 200 MB of zeros after them): only a
        // ratio measured over a window of recent output sees the zeros for the bomb they are.
        Path archive = tmp.resolve("mixed.tar.gz");
        try (OutputStream file = new GzipCompressorOutputStream(Files.newOutputStream(archive));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            byte[] random = new byte[4 << 20];
            new Random(1).nextBytes(random);
            entry(tar, "random.bin", random.length, random, 1);
            entry(tar, "zeros.bin", 200L << 20, new byte[1 << 20], 200);
        }
        AtomicLong mostWritten = new AtomicLong();
        ExtractOptions options = ExtractOptions.builder().progressListener(new ProgressListener() {
            @Override
            public void progress(String name, long done, long total) {
                mostWritten.accumulateAndGet(done, Math::max);
            }
        }).build();

        assertThatThrownBy(() -> Archives.extract(archive, tmp.resolve("out"), options))
                .isInstanceOf(ArchiveTooLargeException.class)
                .hasMessageContaining("over its last 64 MiB").hasMessageContaining("--max-ratio");
        assertThat(mostWritten.get()).as("refused early, not after the whole archive").isLessThan(100L << 20);
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aZipWithTooManyEntriesIsRefusedFromItsCentralDirectoryBeforeAnyWork() throws IOException {
        Path archive = TestArchives.zip(tmp.resolve("many.zip"), zip -> {
            for (int i = 0; i < 11; i++) {
                TestArchives.zipFile(zip, "f" + i, "x");
            }
        });
        List<String> events = new CopyOnWriteArrayList<>();
        ExtractOptions options = ExtractOptions.builder().maxEntries(10).progressListener(new ProgressListener() {
            @Override
            public void started(String name, long total, long alreadyDone) {
                events.add("started");
            }

            @Override
            public void failed(String name, Throwable error) {
                events.add("failed");
            }
        }).build();

        assertThatThrownBy(() -> Archives.extract(archive, tmp.resolve("out"), options))
                .isInstanceOf(ArchiveTooLargeException.class)
                .hasMessageContaining("more than 10 entries").hasMessageContaining("--max-entries");
        assertThat(events).as("refused before extraction started").containsExactly("failed");
        try (var left = Files.list(tmp)) {
            assertThat(left).containsExactly(archive);
        }
    }

    @Test
    void aZipWithinTheEntryLimitIsExtracted() throws IOException {
        Path archive = TestArchives.zip(tmp.resolve("ten.zip"), zip -> {
            for (int i = 0; i < 10; i++) {
                TestArchives.zipFile(zip, "f" + i, "x");
            }
        });

        assertThat(Archives.extract(archive, tmp.resolve("out"), ExtractOptions.builder().maxEntries(10).build())
                .files()).hasSize(10);
        assertThat(ZipDirectory.countEntries(archive, 100)).isEqualTo(10);
        assertThat(ZipDirectory.countEntries(archive, 3)).as("stops counting past the limit").isEqualTo(4);
    }

    private static void entry(TarArchiveOutputStream tar, String name, long size, byte[] chunk, int times)
            throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(size);
        tar.putArchiveEntry(entry);
        for (int i = 0; i < times; i++) {
            tar.write(chunk);
        }
        tar.closeArchiveEntry();
    }
}
