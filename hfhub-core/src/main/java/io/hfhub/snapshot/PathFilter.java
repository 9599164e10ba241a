package io.hfhub.snapshot;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Selects repository files by allow and ignore glob patterns exactly as the Python client's
 * {@code filter_repo_objects} does, so that {@code hfhub} and {@code snapshot_download} fetch the same files for
 * the same arguments.
 *
 * <ul>
 *   <li>Patterns use {@code fnmatch.fnmatchcase} semantics: case-sensitive everywhere, {@code *} also matches
 *       {@code /} (so {@code data/*.json} matches {@code data/x/y.json}), {@code ?}, {@code [seq]},
 *       {@code [!seq]}.</li>
 *   <li>A pattern ending in {@code /} gets {@code *} appended, so {@code onnx/} selects the whole folder.</li>
 *   <li>Backslashes become {@code /} in patterns and paths (Python 1.x), so Windows-style patterns work.</li>
 *   <li>A path passes if it matches at least one allow pattern and no ignore pattern.</li>
 * </ul>
 *
 * <p>"No allow patterns given" ({@code null}) and "an empty list of allow patterns" differ, as in Python: the
 * former lets every path through, the latter none. Instances are immutable and thread-safe.
 */
public final class PathFilter {
    /** A filter that accepts every path. */
    public static final PathFilter ALL = new PathFilter(null, List.of());

    private final List<GlobPattern> allow; // null: no allow list was given
    private final List<GlobPattern> ignore;

    private PathFilter(List<GlobPattern> allow, List<GlobPattern> ignore) {
        this.allow = allow;
        this.ignore = ignore;
    }

    /**
     * Creates a filter.
     *
     * @param allowPatterns patterns of which a path must match at least one, or {@code null} for "any path"
     * @param ignorePatterns patterns of which a path must match none, or {@code null} for "ignore nothing"
     * @throws NullPointerException if a list contains {@code null}
     */
    public static PathFilter of(Collection<String> allowPatterns, Collection<String> ignorePatterns) {
        return new PathFilter(
                allowPatterns == null ? null : compileAll(allowPatterns),
                ignorePatterns == null ? List.of() : compileAll(ignorePatterns));
    }

    /** A filter that accepts only paths matching at least one of {@code patterns}. */
    public static PathFilter allow(String... patterns) {
        return of(List.of(patterns), null);
    }

    /** A filter that accepts every path except those matching one of {@code patterns}. */
    public static PathFilter ignore(String... patterns) {
        return of(null, List.of(patterns));
    }

    /**
     * Whether a single {@code path} matches a single {@code pattern} after the same normalisation the filter
     * applies (backslashes to slashes, trailing {@code /} meaning the folder's contents).
     */
    public static boolean matches(String pattern, String path) {
        return compile(pattern).matches(normalizeSeparators(Objects.requireNonNull(path, "path")));
    }

    /** Whether {@code path} (a repository path, {@code /}-separated) is selected by this filter. */
    public boolean accepts(String path) {
        String normalized = normalizeSeparators(Objects.requireNonNull(path, "path"));
        if (allow != null && allow.stream().noneMatch(p -> p.matches(normalized))) {
            return false;
        }
        return ignore.stream().noneMatch(p -> p.matches(normalized));
    }

    private static List<GlobPattern> compileAll(Collection<String> patterns) {
        return patterns.stream().map(PathFilter::compile).toList();
    }

    private static GlobPattern compile(String pattern) {
        String normalized = normalizeSeparators(Objects.requireNonNull(pattern, "pattern"));
        // Python's _add_wildcard_to_directories: "folder/" means "everything under folder/".
        return GlobPattern.compile(normalized.endsWith("/") ? normalized + "*" : normalized);
    }

    private static String normalizeSeparators(String value) {
        return value.replace('\\', '/');
    }

    @Override
    public String toString() {
        return "PathFilter{allow=" + allow + ", ignore=" + ignore + "}";
    }
}
