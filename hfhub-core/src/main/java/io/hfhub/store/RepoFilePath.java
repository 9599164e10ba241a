package io.hfhub.store;

import io.hfhub.text.ServerText;
import java.util.Objects;
import java.util.Optional;

/**
 * A file's path inside a repository, {@code /}-separated, as it names {@code snapshots/<commit>/<path>},
 * {@code .no_exist/<commit>/<path>} and a file under a {@code local_dir}. Paths come from callers and from the
 * Hub's tree listing, so each is parsed here: relative, no empty, {@code .} or {@code ..} segment, no backslash, no
 * drive letter, no control character (a file name is printed to terminals and as the last line of the CLI's
 * output), at most 4096 characters. Joined to its folder it can never leave it.
 */
public record RepoFilePath(String value) {
    private static final int MAX_LENGTH = 4096;

    /** Validates; throws {@link IllegalArgumentException} saying what is wrong. */
    public RepoFilePath {
        Objects.requireNonNull(value, "path");
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException("unsafe file name '" + ServerText.escape(ServerText.shorten(value)) + "': "
                    + problem);
        }
    }

    /** Parses a repository path. */
    public static RepoFilePath of(String value) {
        return new RepoFilePath(value);
    }

    /** The path, or empty when {@code value} is null or unsafe. */
    public static Optional<RepoFilePath> parse(String value) {
        return value != null && problem(value) == null ? Optional.of(new RepoFilePath(value)) : Optional.empty();
    }

    /** Folder levels below the repository root: 0 for {@code a.txt}, 1 for {@code dir/a.txt}. */
    public int depth() {
        int depth = 0;
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '/') {
                depth++;
            }
        }
        return depth;
    }

    static String problem(String path) {
        if (path.isEmpty()) {
            return "empty file name";
        }
        if (path.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        return relativeProblem(path, "must be a relative path inside the repository");
    }

    /**
     * What keeps a {@code /}-separated name from being joined safely to a folder (a control character, an absolute
     * or drive path, a backslash, an empty, {@code .} or {@code ..} segment), or null. Shared with {@link Revision},
     * whose names become nested folders under {@code refs/} the same way.
     */
    static String relativeProblem(String name, String whenAbsolute) {
        if (name.indexOf('\0') >= 0 || ServerText.hasControl(name)) {
            return "contains a control character";
        }
        if (name.startsWith("/") || name.indexOf('\\') >= 0 || (name.length() >= 2 && name.charAt(1) == ':')) {
            return whenAbsolute;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return "has an empty, '.' or '..' segment";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
