package io.hfhub;

import io.hfhub.http.FileMetadata;
import io.hfhub.snapshot.LocalDirMetadata;
import io.hfhub.snapshot.LocalDirPaths;
import io.hfhub.store.CommitHash;
import io.hfhub.transfer.TransferTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * A download into {@code localDir/<path>}: real files, no symlinks, and the Python client's metadata under
 * {@code localDir/.cache/huggingface/download/} so that both clients see the file as up to date
 * ({@code _hf_hub_download_to_local_dir}). The main cache is used only as a copy source.
 */
final class LocalDirDownload {
    private final HubFileDownload download;
    private final Path localDir;
    private final LocalDirPaths paths;
    private final LocalDirMetadata metadataFiles;

    LocalDirDownload(HubFileDownload download) {
        this.download = download;
        this.localDir = download.request().localDir().toAbsolutePath().normalize();
        this.paths = new LocalDirPaths(localDir, download.path().value());
        this.metadataFiles = new LocalDirMetadata(download.hub().transferContext().clock());
    }

    Path run() {
        FileRequest request = download.request();
        Optional<CommitHash> pinned = download.revision().asCommit();
        if (!request.forceDownload() && pinned.isPresent()
                && metadataFiles.isAtCommit(localDir, download.path().value(), pinned.get()) && Files.exists(paths.file())) {
            return download.finish(paths.file());
        }
        Optional<FileMetadata> metadata = Optional.empty();
        if (!download.hub().config().offline()) {
            try {
                metadata = download.fetchMetadata();
            } catch (LocalEntryNotFoundException e) {
                metadata = Optional.empty(); // no copy in the main cache; the local folder may still have one
            }
        }
        if (metadata.isEmpty()) {
            if (Files.exists(paths.file())) {
                return download.finish(paths.file()); // offline or Hub unreachable: the local copy answers
            }
            throw new LocalEntryNotFoundException("cannot reach the Hub (or offline) and " + download.what()
                    + " is not in " + localDir);
        }
        return fetch(metadata.get());
    }

    /** With the metadata known: keep an up-to-date file, else copy from the cache, else download. */
    Path fetch(FileMetadata metadata) {
        FileRequest request = download.request();
        String path = download.path().value();
        try {
            if (!request.forceDownload() && Files.exists(paths.file())
                    && metadataFiles.isUpToDate(localDir, path, metadata.commit(), metadata.etag())) {
                return download.finish(paths.file());
            }
            Path cachedBlob = download.repo().blob(metadata.etag());
            Files.createDirectories(paths.file().getParent());
            if (!request.forceDownload() && Files.exists(cachedBlob)) {
                Path tmp = paths.file().resolveSibling("." + paths.file().getFileName() + "." + UUID.randomUUID().toString().substring(0, 8) + ".tmp");
                Files.copy(cachedBlob, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, paths.file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } else {
                String resolveUrl = download.resolveUrl();
                LocalDirMetadata.ensureHuggingFaceDir(localDir);
                Path incomplete = paths.incomplete(metadata.etag());
                Files.createDirectories(incomplete.getParent());
                // The transfer publishes into a staging file beside the partial one, not over the outdated local
                // file: a verified staging file left by a crash is simply moved into place next time.
                String name = incomplete.getFileName().toString();
                Path staged = incomplete.resolveSibling(name.substring(0, name.length() - ".incomplete".length()) + ".complete");
                TransferTarget target = new TransferTarget(path, resolveUrl, metadata.commit(), metadata.etag(),
                        metadata.size(), incomplete, staged);
                download.transfer(target, paths.lock(), metadata);
                if (Files.exists(staged)) {
                    Files.move(staged, paths.file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            metadataFiles.write(localDir, path, metadata.commit(), metadata.etag());
            return download.finish(paths.file());
        } catch (IOException e) {
            throw new HfHubException("could not write " + download.what() + " into " + localDir + ": " + e.getMessage(), e);
        }
    }
}
