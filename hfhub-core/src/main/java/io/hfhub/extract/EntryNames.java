package io.hfhub.extract;

import io.hfhub.UnsafeArchiveException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns untrusted entry names and link targets into relative {@code /}-separated paths that stay inside the
 * destination, or refuses them. Only lexical rules live here; what is on disk is checked by
 * {@link SafeTree} and {@link LinkResolver}.
 */
final class EntryNames {
    private EntryNames() {}

    /**
     * The entry's path relative to the destination, with {@code .} and empty segments dropped ({@code ./a//b}
     * → {@code a/b}, as tar archives made with {@code tar -C dir .} name their entries); the empty string for
     * the root itself.
     *
     * @throws UnsafeArchiveException for absolute, drive-letter or backslash names, NUL bytes and {@code ..}
     */
    static String normalize(String name) {
        checkCharacters(name, name);
        if (name.startsWith("/")) {
            throw unsafe(name, "is an absolute path");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw unsafe(name, "has a '..' segment that leads outside the destination");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }

    /**
     * Checks a symbolic link's target lexically: it must be relative and, read from the link's folder, must
     * not climb above the destination. Links through other links are checked on disk by {@link LinkResolver}.
     */
    static void checkLinkTarget(String linkPath, String target) {
        if (target == null || target.isEmpty()) {
            throw unsafe(linkPath, "is a symbolic link with an empty target");
        }
        checkCharacters(linkPath, target);
        if (target.startsWith("/")) {
            throw unsafe(linkPath, "is a symbolic link to the absolute path '" + target + "'");
        }
        int depth = linkPath.split("/").length - 1; // segments of the link's folder
        for (String segment : target.split("/")) {
            if (segment.equals("..")) {
                if (--depth < 0) {
                    throw unsafe(linkPath, "is a symbolic link to '" + target + "', outside the destination");
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                depth++;
            }
        }
    }

    /** The exception for a refused entry, naming it and saying that nothing was extracted. */
    static UnsafeArchiveException unsafe(String entryName, String reason) {
        return new UnsafeArchiveException("Refused to extract: archive entry '" + printable(entryName) + "' " + reason
                + ". Nothing was extracted; the archive is unsafe or damaged.");
    }

    private static void checkCharacters(String entryName, String path) {
        if (path == null || path.indexOf('\0') >= 0) {
            throw unsafe(entryName, "contains a NUL byte");
        }
        if (path.indexOf('\\') >= 0) {
            throw unsafe(entryName, "contains a backslash (a Windows path separator)");
        }
        if (path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0))) {
            throw unsafe(entryName, "starts with a drive letter");
        }
    }

    /** Control characters in a hostile name must not reach a terminal. */
    private static String printable(String name) {
        if (name == null) {
            return "<null>";
        }
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
