package io.hfhub.cache;

/**
 * Repository file names are untrusted (they come from callers and from the Hub's tree listing). These
 * checks keep every cache path inside its folder, as the Python client does since v1.26.
 */
public final class RepoPaths {
    private RepoPaths() {}

    /** Joins an optional subfolder and a file name with a literal {@code /}; an empty subfolder counts as none. */
    public static String join(String subfolder, String filename) {
        if (subfolder == null || subfolder.isEmpty()) {
            return filename;
        }
        return subfolder.endsWith("/") ? subfolder + filename : subfolder + "/" + filename;
    }

    /**
     * Returns {@code path} if it is a relative path whose segments are all ordinary names; throws
     * {@link IllegalArgumentException} for empty, absolute, drive or UNC paths, backslashes, NUL and any
     * {@code .} or {@code ..} segment.
     */
    public static String requireSafe(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("empty file name");
        }
        if (path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0
                || (path.length() >= 2 && path.charAt(1) == ':')) {
            throw new IllegalArgumentException("unsafe file name '" + path + "': must be a relative path inside the repository");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("unsafe file name '" + path + "': empty, '.' or '..' segment");
            }
        }
        return path;
    }
}
