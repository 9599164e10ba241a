package io.hfhub;

import io.hfhub.extract.Extractor;
import io.hfhub.extract.FormatDetector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Detects and extracts archives: zip, tar, and tar or single files compressed with gzip, xz, bzip2 or zstd.
 *
 * <p>The content decides the format: magic bytes win over the file name, which is only a hint (see
 * {@link #detect}). Extraction is safe with hostile archives (nothing is written outside the destination,
 * links and special files are checked; see {@link UnsafeArchiveException}), bounded against decompression
 * bombs ({@link ExtractOptions}), and atomic: the destination appears complete in one rename, or not at all.
 */
public final class Archives {
    private Archives() {}

    /**
     * Extracts any supported archive into dest (created; must be empty or absent, or hold exactly this
     * archive's files already, as after an earlier run of the same extraction), atomically.
     *
     * <p>The tree is written into a temporary folder beside {@code dest} and renamed into place. If {@code dest}
     * already holds the same files (an earlier run, or another thread or process publishing it meanwhile), this
     * call discards its own copy and returns that one. A run killed before its rename leaves a temporary folder
     * naming its process, which the next extraction into {@code dest} removes. A single-file archive ({@code x.txt.gz}) yields a folder holding one file
     * named after the archive without its compression suffix ({@code x.txt}).
     *
     * @param archive the archive file
     * @param dest the destination folder
     * @param options limits and progress listener
     * @return the destination and the files extracted
     * @throws MissingDependencyException if the format needs an optional library that is not on the class path; nothing
     *                                    is extracted
     * @throws UnsafeArchiveException   if an entry would escape {@code dest}, write through a link, or is a
     *                                  device or fifo; nothing is extracted
     * @throws ArchiveTooLargeException if a limit of {@code options} is crossed; nothing is extracted
     * @throws HfHubException           if the file is not a supported archive, is corrupt, or {@code dest} is
     *                                  not empty
     */
    public static ExtractResult extract(Path archive, Path dest, ExtractOptions options) {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(dest, "dest");
        Objects.requireNonNull(options, "options");
        String name = String.valueOf(archive.getFileName());
        ArchiveFormat format = detect(archive, name);
        if (format == ArchiveFormat.NONE) {
            throw new HfHubException(archive + " is not an archive hfhub can extract: its content is not zip, tar, "
                    + "gzip, xz, bzip2 or zstd (the format is read from the first bytes, not from the name).");
        }
        return Extractor.extract(archive, format, name, dest, options);
    }

    /**
     * Detected format of a file, using its name as a hint and its magic bytes as the truth; NONE if not an
     * archive.
     *
     * <p>A gzip, xz, bzip2 or zstd stream whose decompressed content starts with a tar header is the
     * corresponding compressed tar, whatever its name; otherwise it is a single compressed file. So a
     * {@code .tar.gz} that is really a zip is {@link ArchiveFormat#ZIP}, and a text file named {@code .gz} is
     * {@link ArchiveFormat#NONE}. The name decides only one case content cannot: an all-zero first block is an
     * empty tar when the name says tar.
     *
     * @param nameHint the file's name or repository path; may be null
     * @param file the file to read
     * @return the format, or {@link ArchiveFormat#NONE}
     * @throws MissingDependencyException if telling the format needs an optional library that is missing (a compressed
     *                                    stream's decoder)
     * @throws HfHubException if the file cannot be read
     */
    public static ArchiveFormat detect(Path file, String nameHint) {
        Objects.requireNonNull(file, "file");
        try {
            return FormatDetector.detect(file, nameHint);
        } catch (IOException e) {
            throw new HfHubException("Could not read " + file + " to detect its archive format: " + e, e);
        }
    }
}
