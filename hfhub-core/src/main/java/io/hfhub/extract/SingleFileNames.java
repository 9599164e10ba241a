package io.hfhub.extract;

import io.hfhub.ArchiveFormat;
import java.nio.charset.StandardCharsets;

/**
 * Names the file inside a single-file archive ({@code x.txt.gz} → {@code x.txt}). In order of preference:
 * the name hint without its compression suffix; the original name recorded in a gzip header, when it is a
 * plain file name; the hint without its last extension; {@code data}. Whatever is chosen still passes
 * {@link EntryNames} like any entry name.
 */
final class SingleFileNames {
    static final String FALLBACK = "data";

    private SingleFileNames() {}

    /** The output name for a single-file archive named {@code nameHint} (may be null) with header bytes {@code head}. */
    static String outputName(String nameHint, Compression compression, byte[] head) {
        String base = baseName(nameHint);
        if (base != null) {
            String stripped = ArchiveFormat.stripSuffix(base);
            if (!stripped.equals(base) && isPlainName(stripped)) {
                return stripped;
            }
        }
        if (compression == Compression.GZIP) {
            String original = gzipOriginalName(head);
            if (original != null) {
                String originalBase = baseName(original);
                if (isPlainName(originalBase)) {
                    return originalBase;
                }
            }
        }
        if (base != null) {
            int dot = base.lastIndexOf('.');
            String withoutExtension = dot > 0 ? base.substring(0, dot) : base;
            if (isPlainName(withoutExtension)) {
                return withoutExtension;
            }
        }
        return FALLBACK;
    }

    /** The last {@code /}-separated segment of a repository file name. */
    private static String baseName(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        String base = name.substring(name.lastIndexOf('/') + 1);
        return base.isEmpty() ? null : base;
    }

    private static boolean isPlainName(String name) {
        return name != null && !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && name.indexOf('\0') < 0 && name.indexOf(':') < 0;
    }

    /** The FNAME field of a gzip header (RFC 1952 §2.3), or null when absent or cut off by {@code head}'s end. */
    static String gzipOriginalName(byte[] head) {
        final int fextra = 4;
        final int fname = 8;
        if (head.length < 10) {
            return null;
        }
        int flags = head[3] & 0xff;
        if ((flags & fname) == 0) {
            return null;
        }
        int pos = 10;
        if ((flags & fextra) != 0) {
            if (head.length < pos + 2) {
                return null;
            }
            pos += 2 + ((head[pos] & 0xff) | (head[pos + 1] & 0xff) << 8);
        }
        for (int end = pos; end < head.length; end++) {
            if (head[end] == 0) {
                // RFC 1952: the name is ISO 8859-1
                return end > pos ? new String(head, pos, end - pos, StandardCharsets.ISO_8859_1) : null;
            }
        }
        return null;
    }
}
