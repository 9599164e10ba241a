package io.hfhub;

import io.hfhub.http.FileMetadata;
import io.hfhub.store.CacheWriter;
import io.hfhub.store.CommitHash;
import io.hfhub.store.RepoCache;
import io.hfhub.store.RepoFilePath;
import io.hfhub.store.Revision;
import io.hfhub.transfer.TransferTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The cache as a destination ({@code _hf_hub_download_to_cache_dir}): the bytes are published into
 * {@code blobs/<etag>}, {@code snapshots/<commit>/<path>} links to them, and {@code refs/<revision>} is written
 * last, once its snapshot exists, so a failed first download leaves no ref to a missing snapshot.
 */
final class CacheDestination implements Destination {
    private final HubRuntime hub;
    private final RepoCache repo;
    private final RepoFilePath path;
    private final Revision revision;

    CacheDestination(HubRuntime hub, RepoCache repo, RepoFilePath path, Revision revision) {
        this.hub = hub;
        this.repo = repo;
        this.path = path;
        this.revision = revision;
    }

    @Override
    public DiskFacts facts(HubAnswer answer) {
        if (answer instanceof HubAnswer.Found found) {
            FileMetadata metadata = found.metadata();
            // a folder there is not this file (a tree listing a name both as file and folder): relinking says so
            return DiskFacts.ofVersion(copyAt(metadata.commit()), Files.exists(repo.blob(metadata.etag())));
        }
        Optional<Path> pinned = answer instanceof HubAnswer.NotAsked
                ? revision.asCommit().flatMap(this::copyAt) : Optional.empty();
        return DiskFacts.withoutHub(pinned, lastKnownCommit().flatMap(this::copyAt));
    }

    @Override
    public boolean holds(FileMetadata metadata) {
        return copyAt(metadata.commit()).isPresent();
    }

    /** The commit the revision resolved to last time, from {@code refs/}, or the revision if it is a commit. */
    Optional<CommitHash> lastKnownCommit() {
        return revision.asCommit().or(() -> CacheWriter.readRef(repo, revision));
    }

    /** {@code snapshots/<commit>/<path>} when it leads to a file (a dangling link or a folder is no copy). */
    private Optional<Path> copyAt(CommitHash commit) {
        Path pointer = repo.snapshotFile(commit, path);
        return Files.isRegularFile(pointer) ? Optional.of(pointer) : Optional.empty();
    }

    @Override
    public Path keep(Path file, FileMetadata metadata) throws IOException {
        writeRef(metadata);
        return file;
    }

    @Override
    public Path placeCachedBlob(FileMetadata metadata) throws IOException {
        return placeDownloaded(metadata, false);
    }

    @Override
    public TransferTarget target(FileMetadata metadata, String resolveUrl) {
        return new TransferTarget(path.value(), resolveUrl, metadata.commit(), metadata.etag(), metadata.size(),
                repo.incomplete(metadata.etag()), repo.blob(metadata.etag()));
    }

    @Override
    public Path lock(FileMetadata metadata) {
        return repo.lock(metadata.etag());
    }

    @Override
    public Path placeDownloaded(FileMetadata metadata, boolean downloaded) throws IOException {
        Path pointer = hub.cacheWriter(repo).linkSnapshot(metadata.commit(), path, metadata.etag(), downloaded);
        writeRef(metadata);
        return pointer;
    }

    private void writeRef(FileMetadata metadata) throws IOException {
        hub.cacheWriter(repo).writeRef(revision, metadata.commit());
    }

    @Override
    public String where() {
        return "the cache at " + hub.config().cacheDir();
    }
}
