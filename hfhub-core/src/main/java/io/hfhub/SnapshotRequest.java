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

    public static Builder builder(String repoId) {
        return new Builder(repoId);
    }

    public RepoId repoId() {
        return repoId;
    }

    public RepoType repoType() {
        return repoType;
    }

    public String revision() {
        return revision;
    }

    /** Glob patterns ({@code fnmatch}, a trailing {@code /} meaning the folder); null means every file. */
    public List<String> allowPatterns() {
        return allowPatterns;
    }

    public List<String> ignorePatterns() {
        return ignorePatterns;
    }

    public int maxWorkers() {
        return maxWorkers;
    }

    public Path localDir() {
        return localDir;
    }

    public boolean forceDownload() {
        return forceDownload;
    }

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

        public Builder repoType(RepoType type) {
            this.repoType = type == null ? RepoType.MODEL : type;
            return this;
        }

        public Builder revision(String revision) {
            // parsed where it enters: a revision names a file under refs/, so '../x' must never get further
            this.revision = revision == null || revision.isEmpty() ? "main" : Revision.of(revision).value();
            return this;
        }

        /** Only files matching at least one of these patterns. */
        public Builder allowPatterns(List<String> patterns) {
            this.allowPatterns = patterns == null || patterns.isEmpty() ? null : patterns;
            return this;
        }

        /** No file matching any of these patterns. */
        public Builder ignorePatterns(List<String> patterns) {
            this.ignorePatterns = patterns;
            return this;
        }

        /** Files downloaded at once (default 8). */
        public Builder maxWorkers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("maxWorkers must be at least 1");
            }
            this.maxWorkers = workers;
            return this;
        }

        /** Real files in this folder (no symlinks), with the Python client's metadata, instead of the cache. */
        public Builder localDir(Path localDir) {
            this.localDir = localDir;
            return this;
        }

        public Builder forceDownload(boolean force) {
            this.forceDownload = force;
            return this;
        }

        public Builder progress(ProgressListener listener) {
            this.progress = listener == null ? ProgressListener.NONE : listener;
            return this;
        }

        public SnapshotRequest build() {
            return new SnapshotRequest(this);
        }
    }
}
