package io.hfhub;

import io.hfhub.store.Revision;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A whole repository revision to fetch, optionally filtered. Immutable; build with {@link #builder(String)}.
 *
 * <pre>{@code
 * Path folder = hub.snapshot(SnapshotRequest.builder("org/name")
 *         .allowPatterns(List.of("*.json", "*.safetensors")).ignorePatterns(List.of("onnx/")).build());
 * }</pre>
 */
public final class SnapshotRequest {
    private final RepoId repoId;
    private final RepoType repoType;
    private final String revision;
    private final List<String> allowPatterns;
    private final List<String> ignorePatterns;
    private final int maxWorkers;
    private final Path localDir;
    private final boolean forceDownload;
    private final ProgressListener progress;

    private SnapshotRequest(Builder b) {
        this.repoId = RepoId.of(b.repoId);
        this.repoType = b.repoType;
        this.revision = b.revision;
        this.allowPatterns = b.allowPatterns == null ? null : List.copyOf(b.allowPatterns);
        this.ignorePatterns = b.ignorePatterns == null ? List.of() : List.copyOf(b.ignorePatterns);
        this.maxWorkers = b.maxWorkers;
        this.localDir = b.localDir;
        this.forceDownload = b.forceDownload;
        this.progress = b.progress;
    }

    /**
     * A request for every file of the model repo {@code repoId} at {@code main}.
     *
     * @param repoId {@code org/name} (or {@code name})
     * @return a builder, to set the rest
     */
    public static Builder builder(String repoId) {
        return new Builder(repoId);
    }

    /**
     * The repository.
     *
     * @return the repository id
     */
    public RepoId repoId() {
        return repoId;
    }

    /**
     * The repository type.
     *
     * @return model, dataset or space
     */
    public RepoType repoType() {
        return repoType;
    }

    /**
     * The revision.
     *
     * @return a branch, tag, commit or PR ref ({@code main} by default)
     */
    public String revision() {
        return revision;
    }

    /** {@return glob patterns of the files to fetch ({@code fnmatch}, a trailing {@code /} meaning the folder); null means every file} */
    public List<String> allowPatterns() {
        return allowPatterns;
    }

    /**
     * Glob patterns of files to leave out.
     *
     * @return the patterns, or null for none
     */
    public List<String> ignorePatterns() {
        return ignorePatterns;
    }

    /**
     * How many files are downloaded at once.
     *
     * @return the number of workers (8 by default)
     */
    public int maxWorkers() {
        return maxWorkers;
    }

    /**
     * The folder to download into instead of the cache.
     *
     * @return the folder, or null for the cache
     */
    public Path localDir() {
        return localDir;
    }

    /**
     * Whether cached files are downloaded again.
     *
     * @return true to download every file again
     */
    public boolean forceDownload() {
        return forceDownload;
    }

    /**
     * The listener of this request's progress.
     *
     * @return the listener ({@link ProgressListener#NONE} by default)
     */
    public ProgressListener progress() {
        return progress;
    }

    /** Builds a {@link SnapshotRequest}; defaults: model, {@code main}, every file, 8 workers. */
    public static final class Builder {
        private final String repoId;
        private RepoType repoType = RepoType.MODEL;
        private String revision = "main";
        private List<String> allowPatterns;
        private List<String> ignorePatterns;
        private int maxWorkers = 8;
        private Path localDir;
        private boolean forceDownload;
        private ProgressListener progress = ProgressListener.NONE;

        private Builder(String repoId) {
            this.repoId = Objects.requireNonNull(repoId, "repoId");
        }

        /**
         * The repository type.
         *
         * @param type model, dataset or space; null means model
         * @return this builder
         */
        public Builder repoType(RepoType type) {
            this.repoType = type == null ? RepoType.MODEL : type;
            return this;
        }

        /**
         * The revision to download.
         *
         * @param revision a branch, a tag, a 40-hex commit or a PR ref such as {@code refs/pr/1}; null means {@code
         *                 main}
         * @return this builder
         * @throws IllegalArgumentException if it is not a valid revision name
         */
        public Builder revision(String revision) {
            // parsed where it enters: a revision names a file under refs/, so '../x' must never get further
            this.revision = revision == null || revision.isEmpty() ? "main" : Revision.of(revision).value();
            return this;
        }

        /**
         * Only files matching at least one of these patterns.
         *
         * @param patterns glob patterns ({@code fnmatch}, a trailing {@code /} meaning the folder); null or empty means
         *                 every file
         * @return this builder
         */
        public Builder allowPatterns(List<String> patterns) {
            this.allowPatterns = patterns == null || patterns.isEmpty() ? null : patterns;
            return this;
        }

        /**
         * No file matching any of these patterns.
         *
         * @param patterns glob patterns, as for {@link #allowPatterns}; null means none
         * @return this builder
         */
        public Builder ignorePatterns(List<String> patterns) {
            this.ignorePatterns = patterns;
            return this;
        }

        /**
         * Files downloaded at once (default 8).
         *
         * @param workers at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code workers} is below 1
         */
        public Builder maxWorkers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("maxWorkers must be at least 1");
            }
            this.maxWorkers = workers;
            return this;
        }

        /**
         * Real files in this folder (no symlinks), with the Python client's metadata, instead of the cache.
         *
         * @param localDir the folder, or null for the cache
         * @return this builder
         */
        public Builder localDir(Path localDir) {
            this.localDir = localDir;
            return this;
        }

        /**
         * Downloads the files again even when they are cached.
         *
         * @param force true to fetch every file even when cached
         * @return this builder
         */
        public Builder forceDownload(boolean force) {
            this.forceDownload = force;
            return this;
        }

        /**
         * Receives the progress events of the whole download.
         *
         * @param listener the listener; null means none
         * @return this builder
         */
        public Builder progress(ProgressListener listener) {
            this.progress = listener == null ? ProgressListener.NONE : listener;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the request
         * @throws IllegalArgumentException if the repository id is invalid
         */
        public SnapshotRequest build() {
            return new SnapshotRequest(this);
        }
    }
}
