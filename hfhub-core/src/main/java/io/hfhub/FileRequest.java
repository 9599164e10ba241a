package io.hfhub;

import io.hfhub.store.RepoFilePath;
import io.hfhub.store.RepoPaths;
import io.hfhub.store.Revision;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One file to fetch: which repository, revision and path, and how. Immutable; build with
 * {@link #builder(String, String)}.
 *
 * <pre>{@code
 * FileRequest request = FileRequest.builder("org/name", "model.safetensors")
 *         .repoType(RepoType.MODEL).revision("v1.0").subfolder("onnx").build();
 * }</pre>
 */
public final class FileRequest {
    private final RepoId repoId;
    private final RepoType repoType;
    private final String revision;
    private final String subfolder;
    private final String filename;
    private final boolean forceDownload;
    private final boolean extract;
    private final Path localDir;
    private final ProgressListener progress;

    private FileRequest(Builder b) {
        this.repoId = RepoId.of(b.repoId);
        this.repoType = b.repoType;
        this.revision = b.revision;
        this.subfolder = b.subfolder;
        this.filename = b.filename;
        this.forceDownload = b.forceDownload;
        this.extract = b.extract;
        this.localDir = b.localDir;
        this.progress = b.progress;
    }

    /** A request for {@code filename} of the model repo {@code repoId} at {@code main}. */
    public static Builder builder(String repoId, String filename) {
        return new Builder(repoId, filename);
    }

    public static FileRequest of(String repoId, String filename) {
        return builder(repoId, filename).build();
    }

    public Builder toBuilder() {
        return new Builder(repoId.value(), filename).repoType(repoType).revision(revision).subfolder(subfolder)
                .forceDownload(forceDownload).extract(extract).localDir(localDir).progress(progress);
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

    public String subfolder() {
        return subfolder;
    }

    public String filename() {
        return filename;
    }

    /** Download again even when the file is cached. */
    public boolean forceDownload() {
        return forceDownload;
    }

    /** Extract an archive into the cache and answer with the folder. */
    public boolean extract() {
        return extract;
    }

    /** Place the file at {@code localDir/<path>} (no symlinks) instead of answering the snapshot path; or null. */
    public Path localDir() {
        return localDir;
    }

    public ProgressListener progress() {
        return progress;
    }

    /** Builds a {@link FileRequest}; defaults: model, revision {@code main}, no subfolder. */
    public static final class Builder {
        private final String repoId;
        private final String filename;
        private RepoType repoType = RepoType.MODEL;
        private String revision = "main";
        private String subfolder;
        private boolean forceDownload;
        private boolean extract;
        private Path localDir;
        private ProgressListener progress = ProgressListener.NONE;

        private Builder(String repoId, String filename) {
            this.repoId = Objects.requireNonNull(repoId, "repoId");
            this.filename = Objects.requireNonNull(filename, "filename");
        }

        public Builder repoType(RepoType type) {
            this.repoType = type == null ? RepoType.MODEL : type;
            return this;
        }

        /** A branch, a tag, a 40-hex commit or a PR ref such as {@code refs/pr/1}; null means {@code main}. */
        public Builder revision(String revision) {
            // parsed where it enters: a revision names a file under refs/, so '../x' must never get further
            this.revision = revision == null || revision.isEmpty() ? "main" : Revision.of(revision).value();
            return this;
        }

        /** A folder of the repo joined before the file name; empty or null means none. */
        public Builder subfolder(String subfolder) {
            this.subfolder = subfolder == null || subfolder.isEmpty() ? null : subfolder;
            return this;
        }

        public Builder forceDownload(boolean force) {
            this.forceDownload = force;
            return this;
        }

        public Builder extract(boolean extract) {
            this.extract = extract;
            return this;
        }

        public Builder localDir(Path localDir) {
            this.localDir = localDir;
            return this;
        }

        public Builder progress(ProgressListener listener) {
            this.progress = listener == null ? ProgressListener.NONE : listener;
            return this;
        }

        /** Builds the request; an unsafe file path ({@code ../x}, absolute, control characters) is refused here. */
        public FileRequest build() {
            RepoFilePath.of(RepoPaths.join(subfolder, filename));
            return new FileRequest(this);
        }
    }
}
