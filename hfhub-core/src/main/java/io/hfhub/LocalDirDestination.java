package io.hfhub;

import io.hfhub.http.FileMetadata;
import io.hfhub.snapshot.LocalDirMetadata;
import io.hfhub.snapshot.LocalDirPaths;
import io.hfhub.store.Folders;
import io.hfhub.store.RepoCache;
import io.hfhub.store.RepoFilePath;
import io.hfhub.store.Revision;
import io.hfhub.store.TempNames;
import io.hfhub.transfer.TransferTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A {@code localDir} as the destination ({@code _hf_hub_download_to_local_dir}): a real file at
 * {@code localDir/<path>}, no symlinks, and the Python client's metadata under
 * {@code localDir/.cache/huggingface/download/} so that both clients see the file as up to date. The main cache
 * is only a copy source: a blob already there is copied instead of downloaded.
 */
final class LocalDirDestination implements Destination {
    private final RepoCache repo;
    private final Revision revision;
    private final Path localDir;
    private final String path;
    private final LocalDirPaths paths;
    private final LocalDirMetadata metadataFiles;

    LocalDirDestination(HubRuntime hub, Path localDir, RepoCache repo, RepoFilePath path, Revision revision) {
        this.repo = repo;
        this.revision = revision;
        this.localDir = localDir.toAbsolutePath().normalize();
        this.path = path.value();
        this.paths = new LocalDirPaths(this.localDir, this.path);
        this.metadataFiles = new LocalDirMetadata(hub.transferContext().clock());
    }

    @Override
    public DiskFacts facts(HubAnswer answer) {
        try {
            if (answer instanceof HubAnswer.Found found) {
                FileMetadata metadata = found.metadata();
                Optional<Path> current = metadataFiles.matches(localDir, path, metadata.etag())
                        ? Optional.of(paths.file()) : Optional.empty();
                return DiskFacts.ofVersion(current, Files.exists(repo.blob(metadata.etag())));
            }
        } catch (IOException e) {
            throw new HfHubException("could not read " + paths.file() + ": " + e.getMessage(), e);
        }
        Optional<Path> pinned = answer instanceof HubAnswer.NotAsked
                ? revision.asCommit().filter(commit -> metadataFiles.isAtCommit(localDir, path, commit)).map(c -> paths.file())
                : Optional.empty();
        // the file there, whatever its metadata, answers when the Hub cannot (Python warns and returns it)
        Optional<Path> lastKnown = Files.isRegularFile(paths.file()) ? Optional.of(paths.file()) : Optional.empty();
        return DiskFacts.withoutHub(pinned, lastKnown);
    }

    @Override
    public boolean holds(FileMetadata metadata) {
        return Files.isRegularFile(paths.file()) && metadataFiles.read(localDir, path)
                .filter(recorded -> recorded.etag().equals(metadata.etag().value())).isPresent();
    }

    @Override
    public Path keep(Path file, FileMetadata metadata) throws IOException {
        return recorded(metadata);
    }

    @Override
    public Path placeCachedBlob(FileMetadata metadata) throws IOException {
        Folders.ensure(paths.file().getParent());
        Path tmp = TempNames.beside(paths.file());
        try {
            Files.copy(repo.blob(metadata.etag()), tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, paths.file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return recorded(metadata);
    }

    @Override
    public TransferTarget target(FileMetadata metadata, String resolveUrl) throws IOException {
        LocalDirMetadata.ensureHuggingFaceDir(localDir);
        Path incomplete = paths.incomplete(metadata.etag());
        Folders.ensure(incomplete.getParent());
        return new TransferTarget(path, resolveUrl, metadata.commit(), metadata.etag(), metadata.size(), incomplete,
                staged(incomplete));
    }

    /**
     * The transfer publishes into a staging file beside the partial one, not over the outdated local file: a
     * verified staging file left by a crash is simply moved into place next time.
     */
    private static Path staged(Path incomplete) {
        String name = incomplete.getFileName().toString();
        return incomplete.resolveSibling(name.substring(0, name.length() - ".incomplete".length()) + ".complete");
    }

    @Override
    public Path lock(FileMetadata metadata) {
        return paths.lock();
    }

    @Override
    public Path placeDownloaded(FileMetadata metadata, boolean downloaded) throws IOException {
        Path staged = staged(paths.incomplete(metadata.etag()));
        Folders.ensure(paths.file().getParent());
        if (Files.exists(staged)) {
            Files.move(staged, paths.file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return recorded(metadata);
    }

    /** Writes the metadata once the file is in place, so its timestamp is not older than the file's mtime. */
    private Path recorded(FileMetadata metadata) throws IOException {
        metadataFiles.write(localDir, path, metadata.commit(), metadata.etag());
        return paths.file();
    }

    @Override
    public String where() {
        return localDir.toString();
    }
}
