package io.hfhub;

import java.util.List;
import java.util.Locale;

/**
 * The archive formats hfhub can extract. A format is decided by a file's magic bytes (see
 * {@link Archives#detect}); the file-name suffixes listed here are only a hint and the source of the names
 * derived from an archive's name (the default extraction folder, the file inside a single-file archive).
 */
public enum ArchiveFormat {
    /** A zip archive, including zip64. */
    ZIP(".zip"),
    /** An uncompressed tar archive. */
    TAR(".tar"),
    /** A gzip-compressed tar archive. */
    TAR_GZ(".tar.gz", ".tgz"),
    /** An xz-compressed tar archive. */
    TAR_XZ(".tar.xz", ".txz"),
    /** A bzip2-compressed tar archive. */
    TAR_BZ2(".tar.bz2", ".tbz2", ".tbz"),
    /** A zstd-compressed tar archive. */
    TAR_ZST(".tar.zst", ".tzst"),
    /** A single gzip-compressed file. */
    GZ(".gz"),
    /** A single xz-compressed file. */
    XZ(".xz"),
    /** A single bzip2-compressed file. */
    BZ2(".bz2"),
    /** A single zstd-compressed file. */
    ZST(".zst"),
    /** Not an archive hfhub can extract. */
    NONE();

    private final List<String> suffixes;

    ArchiveFormat(String... suffixes) {
        this.suffixes = List.of(suffixes);
    }

    /** {@return the lower-case file-name suffixes of this format, longest first; empty for {@link #NONE}} */
    public List<String> suffixes() {
        return suffixes;
    }

    /** {@return true for the formats that hold one file rather than a tree ({@link #GZ}, {@link #XZ}, {@link #BZ2}, {@link #ZST})} */
    public boolean isSingleFile() {
        return this == GZ || this == XZ || this == BZ2 || this == ZST;
    }

    /** {@return true for plain and compressed tar archives} */
    public boolean isTar() {
        return this == TAR || this == TAR_GZ || this == TAR_XZ || this == TAR_BZ2 || this == TAR_ZST;
    }

    /**
     * The format a file name suggests, from its suffix (case-insensitive); {@link #NONE} for a null name or an
     * unknown suffix. This is a hint only: the content decides.
     *
     * @param fileName a file name or repository path; may be null
     * @return the format its suffix names, or {@link #NONE}
     */
    public static ArchiveFormat fromFileName(String fileName) {
        String suffix = matchingSuffix(fileName);
        if (suffix == null) {
            return NONE;
        }
        for (ArchiveFormat format : values()) {
            if (format.suffixes.contains(suffix)) {
                return format;
            }
        }
        return NONE;
    }

    /**
     * The file name without its archive suffix ({@code data.tar.gz} → {@code data}, {@code x.txt.gz} →
     * {@code x.txt}); the name unchanged when it has no archive suffix or is nothing but the suffix.
     *
     * @param fileName a file name
     * @return the name without its archive suffix
     */
    public static String stripSuffix(String fileName) {
        String suffix = matchingSuffix(fileName);
        if (suffix == null || suffix.length() == fileName.length()) {
            return fileName;
        }
        return fileName.substring(0, fileName.length() - suffix.length());
    }

    /** The longest known suffix the name ends with, so that {@code .tar.gz} wins over {@code .gz}. */
    private static String matchingSuffix(String fileName) {
        if (fileName == null) {
            return null;
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        String best = null;
        for (ArchiveFormat format : values()) {
            for (String suffix : format.suffixes) {
                if (lower.endsWith(suffix) && (best == null || suffix.length() > best.length())) {
                    best = suffix;
                }
            }
        }
        return best;
    }
}
