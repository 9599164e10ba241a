package io.hfhub.store;

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
     * Returns {@code path} if it is a safe repository path ({@link RepoFilePath}: relative, ordinary segments, no
     * control character); throws {@link IllegalArgumentException} otherwise.
     */
    public static String requireSafe(String path) {
        if (path == null) {
            throw new IllegalArgumentException("empty file name");
        }
        return RepoFilePath.of(path).value();
    }
}
