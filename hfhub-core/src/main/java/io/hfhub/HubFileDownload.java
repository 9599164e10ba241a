package io.hfhub;

import io.hfhub.extract.CacheExtraction;
import io.hfhub.http.Attempts;
import io.hfhub.http.FileMetadata;
import io.hfhub.http.HubApi;
import io.hfhub.http.HubUrls;
import io.hfhub.http.MetadataRequest;
import io.hfhub.http.RetryAfterTooLongException;
import io.hfhub.http.RetryListener;
import io.hfhub.store.BlobName;
import io.hfhub.store.CacheLayout;
import io.hfhub.store.CacheWriter;
import io.hfhub.store.CommitHash;
import io.hfhub.store.FileErrors;
import io.hfhub.store.RepoCache;
import io.hfhub.store.RepoFilePath;
import io.hfhub.store.RepoPaths;
import io.hfhub.store.Revision;
import io.hfhub.text.ServerText;
import io.hfhub.transfer.BlobClaim;
import io.hfhub.transfer.LocationSource;
import io.hfhub.transfer.HttpSource;
import io.hfhub.transfer.RangeSource;
import io.hfhub.transfer.Scheduler;
import io.hfhub.transfer.RemoteFileStream;
import io.hfhub.transfer.TransferTarget;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.ProtocolException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One file download, top-down in the Python client's order ({@code hf_hub_download}): normalise arguments →
 * build the URL → cached-commit shortcut → metadata (or cache fallback) → lock → download to a partial file →
 * verify → publish → link → write the ref. {@link LocalDirDownload} takes over after the metadata step for
 * {@code localDir} requests.
 */
final class HubFileDownload {
    private static final System.Logger LOG = System.getLogger(HubFileDownload.class.getName());

    private final HubRuntime hub;
    private final FileRequest request;
    private final RepoFilePath path;
    private final Revision revision;
    private final RepoCache repo;
    private final String what;

    HubFileDownload(HubRuntime hub, FileRequest request) {
        this.hub = hub;
        this.request = request;
        this.path = RepoFilePath.of(RepoPaths.join(request.subfolder(), request.filename()));
        this.revision = Revision.of(request.revision());
        this.repo = new CacheLayout(hub.config().cacheDir()).repo(request.repoType(), request.repoId());
        this.what = "'" + path + "' in " + request.repoType().id() + " '" + request.repoId() + "' at revision '"
                + request.revision() + "'";
    }

    RepoFilePath path() {
        return path;
    }

    Revision revision() {
        return revision;
    }

    RepoCache repo() {
        return repo;
    }

    FileRequest request() {
        return request;
    }

    HubRuntime hub() {
        return hub;
    }

    Path run() {
        if (request.localDir() != null) {
            return new LocalDirDownload(this).run();
        }
        Optional<CommitHash> pinned = revision.asCommit();
        if (pinned.isPresent() && !request.forceDownload()) {
            Path pointer = repo.snapshotFile(pinned.get(), path);
            if (Files.exists(pointer)) {
                LOG.log(Level.DEBUG, () -> "cache hit: " + ServerText.escape(what) + " (a pinned commit: no request)");
                return finish(pointer);
            }
        }
        if (hub.config().offline()) {
            return fromCache("offline mode is enabled (HF_HUB_OFFLINE)", null);
        }
        Optional<FileMetadata> metadata = fetchMetadata();
        if (metadata.isEmpty()) {
            return fromCache(null, null);
        }
        return fetch(metadata.get());
    }

    /**
     * The HEAD. Empty when the Hub is unreachable or failing (network error, 5xx, 429) and a cached copy can
     * answer instead; throws the typed error otherwise.
     */
    Optional<FileMetadata> fetchMetadata() {
        try {
            return Optional.of(MetadataRequest.head(hub.http(), resolveUrl(), hasCachedCopy() ? Attempts.ONCE : null,
                    retries(), what, commitLookup()));
        } catch (EntryNotFoundException e) {
            markMissing(e.commit());
            throw e;
        } catch (HfHttpException e) {
            if (e.status() >= 500 || e.status() == 429 || e.status() == 408) {
                fromCache("the Hub answered HTTP " + e.status(), e); // throws when there is no cached copy
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            fromCache(whyNoAnswer(e), e);
            return Optional.empty();
        }
    }

    /** The metadata request's retries, told to the request's listener under the file's name as they happen. */
    private RetryListener retries() {
        ProgressListener listener = request.progress();
        return (attempt, reason, delayMillis) -> listener.retrying(path.value(), attempt, reason, delayMillis);
    }

    /**
     * Why the Hub gave no answer, in words: a server that answered something unusable (a redirect loop, a refused
     * scheme) or asked to wait too long was reached; anything else was not.
     */
    static String whyNoAnswer(IOException e) {
        if (e instanceof ProtocolException || e instanceof RetryAfterTooLongException) {
            return "the Hub's answer was unusable: " + e.getMessage();
        }
        return "the Hub could not be reached (" + e.getMessage() + ")";
    }

    /** With the metadata known (from a HEAD or a tree listing): ref, blob, link. */
    Path fetch(FileMetadata metadata) {
        try {
            CacheWriter writer = hub.cacheWriter(repo);
            Path pointer = repo.snapshotFile(metadata.commit(), path);
            // a folder there is not this file (a tree listing a name both as file and folder): linking says so
            if (!Files.exists(pointer) || Files.isDirectory(pointer, LinkOption.NOFOLLOW_LINKS) || request.forceDownload()) {
                boolean downloaded = ensureBlob(metadata);
                pointer = writer.linkSnapshot(metadata.commit(), path, metadata.etag(), downloaded);
            } else {
                LOG.log(Level.DEBUG, () -> "cache hit: " + ServerText.escape(what) + " at commit "
                        + metadata.commit().value());
            }
            // The ref last, once its snapshot exists: a failed first download leaves no ref to a missing snapshot.
            writer.writeRef(revision, metadata.commit());
            return finish(pointer);
        } catch (IOException e) {
            throw new HfHubException("could not write " + what + " into the cache at " + repo.folder() + ": "
                    + FileErrors.describe(e), e);
        }
    }

    /**
     * The file as a stream: from the cache when it is there (or offline), else straight from the network,
     * verified as it is read, without touching the cache.
     */
    InputStream openStream() {
        Optional<CommitHash> pinned = revision.asCommit();
        if (hub.config().offline() || (pinned.isPresent() && Files.exists(repo.snapshotFile(pinned.get(), path)))) {
            return openCached(fromCache("offline mode is enabled (HF_HUB_OFFLINE)", null));
        }
        Optional<FileMetadata> found = fetchMetadata();
        if (found.isEmpty()) {
            return openCached(fromCache(null, null));
        }
        FileMetadata metadata = found.get();
        Path pointer = repo.snapshotFile(metadata.commit(), path);
        if (Files.exists(pointer)) {
            return openCached(pointer);
        }
        TransferTarget target = new TransferTarget(path.value(), resolveUrl(), metadata.commit(), metadata.etag(),
                metadata.size(), repo.incomplete(metadata.etag()), repo.blob(metadata.etag()));
        return new RemoteFileStream(hub.transferContext(), target, source(target, metadata), request.progress());
    }

    private static InputStream openCached(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new HfHubException("could not read " + file + ": " + FileErrors.describe(e), e);
        }
    }

    /** A network failure with a copy in the cache is answered from the cache, as the Python client does. */
    private boolean hasCachedCopy() {
        return cachedCommit().filter(commit -> Files.exists(repo.snapshotFile(commit, path))).isPresent();
    }

    /** The cached copy of the revision, or {@link LocalEntryNotFoundException} saying why it was needed. */
    private Path fromCache(String reason, Exception cause) {
        Optional<CommitHash> commit = cachedCommit();
        if (commit.isPresent()) {
            Path pointer = repo.snapshotFile(commit.get(), path);
            if (Files.exists(pointer)) {
                if (reason != null && !hub.config().offline()) {
                    // the answer may be out of date: the user should know the Hub was not asked
                    LOG.log(Level.WARNING, () -> "using the cached copy of " + ServerText.escape(what) + ": "
                            + ServerText.escape(ServerText.redact(reason, hub.http().secrets())));
                    request.progress().usingCache(path.value(), reason);
                } else {
                    LOG.log(Level.DEBUG, () -> "cache hit: " + ServerText.escape(what) + " (offline)");
                }
                return finish(pointer);
            }
        }
        String message = reason + " and " + what + " is not in the cache at " + hub.config().cacheDir()
                + (hub.config().offline() ? ": download it once while online" : ": check your connection, then try again");
        throw cause == null ? new LocalEntryNotFoundException(message) : new LocalEntryNotFoundException(message, cause);
    }

    /** The commit the revision resolved to last time, from {@code refs/}, or the revision if it is a commit. */
    Optional<CommitHash> cachedCommit() {
        return revision.asCommit().or(() -> CacheWriter.readRef(repo, revision));
    }

    /** Records a 404'd file under {@code .no_exist/<commit>/}, as the Python client does, with the ref. */
    private void markMissing(String commitHeader) {
        Optional<CommitHash> commit = CommitHash.parse(commitHeader); // the 404's X-Repo-Commit: untrusted
        if (commit.isEmpty()) {
            return;
        }
        try {
            CacheWriter writer = hub.cacheWriter(repo);
            writer.writeRef(revision, commit.get());
            writer.markMissing(commit.get(), path);
        } catch (IOException ignored) {
            // the marker only helps other clients (try_to_load_from_cache); failing to write it changes nothing here
        }
    }

    /** Downloads the blob unless it is already there; true when this call downloaded it. */
    private boolean ensureBlob(FileMetadata metadata) {
        Path blob = repo.blob(metadata.etag());
        if (Files.exists(blob) && !request.forceDownload()) {
            LOG.log(Level.DEBUG, () -> "cache hit: " + ServerText.escape(what) + " has blob " + metadata.etag().value()
                    + ", linking it");
            return false;
        }
        LOG.log(Level.DEBUG, () -> "cache miss: downloading " + ServerText.escape(what) + " (" + metadata.size()
                + " bytes, blob " + metadata.etag().value() + ")");
        TransferTarget target = new TransferTarget(path.value(), resolveUrl(), metadata.commit(), metadata.etag(),
                metadata.size(), repo.incomplete(metadata.etag()), blob);
        return transfer(target, repo.lock(metadata.etag()), metadata);
    }

    /**
     * Fetches {@code target} unless another thread or process publishes it first; true when this call did.
     * Threads of this JVM share one transfer; processes take turns through the claim. With {@code forceDownload}
     * an existing file is replaced by the atomic publish, never deleted first: a failed forced download loses
     * nothing, and other snapshots linking to the blob never see it missing.
     */
    boolean transfer(TransferTarget target, Path lockFile, FileMetadata metadata) {
        Path published = target.blob();
        boolean replace = request.forceDownload();
        return hub.inFlight().run(published, () -> {
            try {
                if (!replace && Files.exists(published)) {
                    return false;
                }
                Optional<BlobClaim> claim = BlobClaim.acquire(lockFile, target, hub.transferContext(), replace);
                if (claim.isEmpty()) {
                    return false; // another process published it while we waited
                }
                try (BlobClaim owned = claim.get()) {
                    if (!replace && Files.exists(published)) {
                        return false;
                    }
                    Scheduler.download(hub.transferContext(), target, source(target, metadata), request.progress(),
                            owned.owner());
                    return true;
                }
            } catch (IOException e) {
                throw new HfHubException("could not download " + what + ": " + e.getMessage(), e);
            }
        });
    }

    /** Where the bytes of {@code target} come from: its Xet reconstruction when it has one (and Xet is on), else HTTP. */
    private RangeSource source(TransferTarget target, FileMetadata metadata) {
        if (metadata.xetHash() != null && hub.xet().enabled()) {
            String tokenUrl = HubUrls.xetReadToken(hub.config().endpoint(), request.repoType(), request.repoId(),
                    metadata.commit().value());
            return hub.xet().source(hub.transferContext(), target, metadata.xetHash(), tokenUrl);
        }
        return new HttpSource(hub.http(), locationSource(metadata), target.resolveUrl(), target.name());
    }

    LocationSource locationSource(FileMetadata metadata) {
        return new LocationSource() {
            private volatile String current = metadata.location();

            @Override
            public String current() {
                return current;
            }

            @Override
            public String refresh() throws IOException {
                FileMetadata fresh = MetadataRequest.head(hub.http(), resolveUrl(), null, what, commitLookup());
                if (!fresh.etag().equals(metadata.etag())) {
                    throw new HfHubException(what + " changed on the Hub during the download (etag " + metadata.etag()
                            + " → " + fresh.etag() + "): run again to fetch the new version");
                }
                current = fresh.location();
                return current;
            }
        };
    }

    /** The commit of the revision by the revision API, for mirrors whose answers lack {@code X-Repo-Commit}. */
    private MetadataRequest.CommitLookup commitLookup() {
        Optional<CommitHash> pinned = revision.asCommit();
        return () -> pinned.isPresent() ? pinned.get()
                : new HubApi(hub.http()).resolveCommit(request.repoType(), request.repoId(), revision, null);
    }

    String resolveUrl() {
        return HubUrls.resolve(hub.config().endpoint(), request.repoType(), request.repoId(), revision.value(), path.value());
    }

    String what() {
        return what;
    }

    /** The answer: the snapshot path, or with {@code extract} the folder the archive was extracted into. */
    Path finish(Path file) {
        if (!request.extract()) {
            return file;
        }
        try {
            Path blob = file.toRealPath();
            String sha256 = BlobName.parse(blob.getFileName().toString()).filter(BlobName::isSha256)
                    .map(BlobName::value).orElse(null);
            // extraction reports its bytes through the same listener as the download
            ExtractOptions options = hub.extractOptions().toBuilder()
                    .progressListener(new ExtractionProgress(request.progress())).build();
            return CacheExtraction.extractBlob(blob, path.value(), sha256, repo.folder(), options);
        } catch (IOException e) {
            throw new HfHubException("could not extract " + what + ": " + e.getMessage(), e);
        }
    }
}
