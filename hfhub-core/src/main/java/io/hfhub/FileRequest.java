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

    /**
     * A request for {@code filename} of the model repo {@code repoId} at {@code main}.
     *
     * @param repoId {@code org/name} (or {@code name})
     * @param filename the file's path in the repository (below the subfolder, if one is set)
     * @return a builder, to set the rest
     */
    public static Builder builder(String repoId, String filename) {
        return new Builder(repoId, filename);
    }

    /**
     * A request for {@code filename} of the model repo {@code repoId} at {@code main}, with every default.
     *
     * @param repoId {@code org/name} (or {@code name})
     * @param filename the file's path in the repository
     * @return the request
     */
    public static FileRequest of(String repoId, String filename) {
        return builder(repoId, filename).build();
    }

    /**
     * A builder starting from this request, to make a variant.
     *
     * @return a builder holding this request's settings
     */
    public Builder toBuilder() {
        return new Builder(repoId.value(), filename).repoType(repoType).revision(revision).subfolder(subfolder)
                .forceDownload(forceDownload).extract(extract).localDir(localDir).progress(progress);
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
     * The repoType setting.
     *
     * @return the repository type
     */
    public RepoType repoType() {
        return repoType;
    }

    /**
     * The revision setting.
     *
     * @return the revision: a branch, tag, commit or PR ref ({@code main} by default)
     */
    public String revision() {
        return revision;
    }

    /**
     * The subfolder setting.
     *
     * @return the folder of the repository the file is in, or null
     */
    public String subfolder() {
        return subfolder;
    }

    /**
     * The filename setting.
     *
     * @return the file name given to the builder (below the subfolder)
     */
    public String filename() {
        return filename;
    }

    /** {@return whether to download again even when the file is cached} */
    public boolean forceDownload() {
        return forceDownload;
    }

    /** {@return whether to extract an archive into the cache and answer with the folder} */
    public boolean extract() {
        return extract;
    }

    /** {@return the folder to place the file in, at {@code localDir/<path>} (no symlinks), instead of the cache; or null} */
    public Path localDir() {
        return localDir;
    }

    /**
     * The progress setting.
     *
     * @return the listener of this request's progress ({@link ProgressListener#NONE} by default)
     */
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
         * A branch, a tag, a 40-hex commit or a PR ref such as {@code refs/pr/1}; null means {@code main}.
         *
         * @param revision the revision
         * @return this builder
         * @throws IllegalArgumentException if it is not a valid revision name
         */
        public Builder revision(String revision) {
            // parsed where it enters: a revision names a file under refs/, so '../x' must never get further
            this.revision = revision == null || revision.isEmpty() ? "main" : Revision.of(revision).value();
            return this;
        }

        /**
         * A folder of the repo joined before the file name; empty or null means none.
         *
         * @param subfolder the folder, with {@code /} between levels
         * @return this builder
         */
        public Builder subfolder(String subfolder) {
            this.subfolder = subfolder == null || subfolder.isEmpty() ? null : subfolder;
            return this;
        }

        /**
         * Downloads the file again even when it is cached.
         *
         * @param force true to fetch it even when cached
         * @return this builder
         */
        public Builder forceDownload(boolean force) {
            this.forceDownload = force;
            return this;
        }

        /**
         * Extracts an archive into the cache ({@code extracted/<first 8 hex of its sha256>/}) and answers with that
         * folder; a file that is no archive is answered as it is. Needs the optional extraction libraries for most
         * formats (see {@link MissingDependencyException}).
         *
         * @param extract true to extract
         * @return this builder
         */
        public Builder extract(boolean extract) {
            this.extract = extract;
            return this;
        }

        /**
         * Places the file at {@code localDir/<path>} as a real file, with the Python client's {@code
         * .cache/huggingface/} metadata, instead of answering the cache's snapshot path.
         *
         * @param localDir the folder, or null for the cache
         * @return this builder
         */
        public Builder localDir(Path localDir) {
            this.localDir = localDir;
            return this;
        }

        /**
         * Receives this request's progress events.
         *
         * @param listener the listener; null means none
         * @return this builder
         */
        public Builder progress(ProgressListener listener) {
            this.progress = listener == null ? ProgressListener.NONE : listener;
            return this;
        }

        /**
         * Builds the request; an unsafe file path ({@code ../x}, absolute, control characters) is refused here.
         *
         * @return the request
         * @throws IllegalArgumentException if the repository id or the file path is invalid
         */
        public FileRequest build() {
            RepoFilePath.of(RepoPaths.join(subfolder, filename));
            return new FileRequest(this);
        }
    }
}
