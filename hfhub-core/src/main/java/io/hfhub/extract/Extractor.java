package io.hfhub.extract;

import io.hfhub.ArchiveFormat;
import io.hfhub.ExtractOptions;
import io.hfhub.ExtractResult;
import io.hfhub.ExtractedFile;
import io.hfhub.HfHubException;
import io.hfhub.ProgressListener;
import io.hfhub.store.ExtractionRecord;
import io.hfhub.store.FileErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Extracts one archive into a destination folder, top-down: check the destination → fill a temporary
 * sibling → publish it with one rename (or adopt the folder a concurrent extractor published first). Any
 * failure deletes the temporary folder, so a failed extraction leaves nothing behind; a killed one leaves a
 * temporary folder naming its owner ({@link io.hfhub.store.TempNames}), which the next extraction into the
 * same destination, or {@code hfhub cache prune}, removes.
 */
public final class Extractor {
    private Extractor() {}

    /**
     * Moves a filled temporary folder into place, or discards it; returns what is then at the destination.
     * The temporary folder is deleted on failure whatever the publisher did with it.
     */
    @FunctionalInterface
    public interface Publisher {
        ExtractResult publish(Path temp, List<ExtractedFile> files) throws IOException;
    }

    /**
     * Extracts {@code archive}, already detected as {@code format}, into a caller's folder {@code dest}, which
     * must be new or empty, or already hold exactly the archive's files: so running the same extraction again
     * (after it was killed, say) succeeds, while a folder holding anything else is never touched.
     *
     * @param nameHint the archive's name (repository file name), naming single-file content and progress
     */
    public static ExtractResult extract(Path archive, ArchiveFormat format, String nameHint, Path dest,
                                        ExtractOptions options) {
        if (Files.exists(dest, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dest, LinkOption.NOFOLLOW_LINKS)) {
            throw new HfHubException("Destination " + dest + " exists and is not a folder: choose another destination.");
        }
        return extract(archive, format, nameHint, dest, options, (temp, files) -> {
            if (AtomicDirectory.publish(temp, dest)) {
                return new ExtractResult(dest, files, sum(files));
            }
            if (!sameFiles(temp, files, dest)) {
                throw new HfHubException("Destination " + dest + " is not empty: extract into a new or empty folder.");
            }
            AtomicDirectory.deleteTree(temp); // extracted before (or by a concurrent run): the same files
            return listing(dest);
        });
    }

    /**
     * Extracts {@code archive} into a fresh temporary folder beside {@code dest} and hands it to
     * {@code publisher}, which decides what becomes of it.
     */
    public static ExtractResult extract(Path archive, ArchiveFormat format, String nameHint, Path dest,
                                        ExtractOptions options, Publisher publisher) {
        String name = nameHint != null ? nameHint : String.valueOf(archive.getFileName());
        ProgressListener listener = options.progressListener();
        Path temp = null;
        try {
            refuseTooManyEntries(archive, format, name, options);
            temp = AtomicDirectory.createTempBeside(dest);
            listener.started(name, Files.size(archive), 0);
            List<ExtractedFile> files = extractInto(temp, archive, format, nameHint, name, options);
            ExtractResult result = publisher.publish(temp, files);
            listener.finished(name, result.totalBytes());
            return result;
        } catch (IOException e) {
            fail(temp, name, listener, e);
            throw failure(archive, dest, e);
        } catch (RuntimeException | Error e) {
            fail(temp, name, listener, e);
            throw e;
        }
    }

    /** A zip's entry count is known from its central directory: checked before any work, not after it. */
    private static void refuseTooManyEntries(Path archive, ArchiveFormat format, String name, ExtractOptions options)
            throws IOException {
        if (format == ArchiveFormat.ZIP && ZipDirectory.countEntries(archive, options.maxEntries()) > options.maxEntries()) {
            throw ExtractionMeter.tooManyEntries(name, options.maxEntries());
        }
    }

    private static HfHubException failure(Path archive, Path dest, IOException e) {
        return new HfHubException("Could not extract " + archive + " into " + dest + ": " + FileErrors.describe(e)
                + ". The archive may be corrupt or truncated, or the disk full; nothing was extracted.", e);
    }

    /** True when {@code dest} holds exactly the regular files extracted into {@code temp}, byte for byte. */
    static boolean sameFiles(Path temp, List<ExtractedFile> files, Path dest) throws IOException {
        Map<String, Long> expected = new TreeMap<>();
        files.forEach(f -> expected.put(f.path(), f.size()));
        if (!expected.equals(ExtractionRecord.regularFiles(dest))) {
            return false;
        }
        for (String file : expected.keySet()) {
            if (Files.mismatch(temp.resolve(file), dest.resolve(file)) != -1) {
                return false;
            }
        }
        return true;
    }

    private static List<ExtractedFile> extractInto(Path temp, Path archive, ArchiveFormat format, String nameHint,
                                                   String name, ExtractOptions options) throws IOException {
        try (OpenArchive open = OpenArchive.open(archive, format, nameHint)) {
            ExtractionMeter meter = new ExtractionMeter(options, open.archiveBytesRead(), name);
            SafeTree tree = new SafeTree(temp, meter);
            for (ArchiveItem item; (item = open.entries().next()) != null; ) {
                meter.countEntry();
                tree.add(item, open.entries());
            }
            return tree.finish();
        }
    }

    /** Describes a folder published earlier, by this or another process. */
    public static ExtractResult listing(Path dir) throws IOException {
        List<ExtractedFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(p -> {
                try {
                    String relative = dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                    files.add(new ExtractedFile(relative, Files.size(p)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new ExtractResult(dir, files, sum(files));
    }

    static long sum(List<ExtractedFile> files) {
        long total = 0;
        for (ExtractedFile file : files) {
            total += file.size();
        }
        return total;
    }

    /** Leaves nothing behind: deletes the temporary folder, then tells the listener. */
    private static void fail(Path temp, String name, ProgressListener listener, Throwable failure) {
        if (temp != null) {
            try {
                AtomicDirectory.deleteTree(temp);
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        listener.failed(name, failure);
    }
}
