package io.hfhub;

import io.hfhub.CacheDecision.AskHub;
import io.hfhub.CacheDecision.Download;
import io.hfhub.CacheDecision.Fail;
import io.hfhub.CacheDecision.FallBack;
import io.hfhub.CacheDecision.LinkBlob;
import io.hfhub.CacheDecision.Serve;
import io.hfhub.extract.CacheExtraction;
import io.hfhub.http.Attempts;
import io.hfhub.http.FileMetadata;
import io.hfhub.http.HubApi;
import io.hfhub.http.HubUrls;
import io.hfhub.http.MetadataRequest;
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
import io.hfhub.transfer.HttpSource;
import io.hfhub.transfer.LocationSource;
import io.hfhub.transfer.RangeSource;
import io.hfhub.transfer.RemoteFileStream;
import io.hfhub.transfer.Scheduler;
import io.hfhub.transfer.TransferTarget;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One file download, top-down in the Python client's order ({@code hf_hub_download}): normalise arguments → build
 * the URL → read the disk facts → decide ({@link CacheStrategy}): a pinned commit on disk answers at once, else
 * the metadata request (or the cache fallback) → lock → download to a partial file → verify → publish → place
 * (link and ref, or a {@code localDir} file and its metadata) → extract if asked. The {@link Destination} is the
 * one difference between {@code _hf_hub_download_to_cache_dir} and {@code _hf_hub_download_to_local_dir}.
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

    /** {@code hf_hub_download}: the file's path in its destination, or the folder its archive was extracted into. */
    Path run() {
        Destination destination = destination();
        return extractIfAsked(act(destination, decide(destination)));
    }

    /** The same with the metadata already known (from a tree listing): no metadata request. */
    Path withMetadata(FileMetadata metadata) {
        Destination destination = destination();
        return extractIfAsked(act(destination, decide(destination, new HubAnswer.Found(metadata))));
    }

    /**
     * Whether the version {@code metadata} names is in place already, by its destination's records alone (the
     * snapshot link, or a local file whose metadata names the etag): a cheap check that hashes nothing.
     */
    boolean isInPlace(FileMetadata metadata) {
        return destination().holds(metadata);
    }

    /**
     * The file as a stream: from the cache when it is there (or offline), else straight from the network, verified
     * as it is read, without touching the cache. Reads through the cache whatever the request's {@code localDir}.
     */
    InputStream openStream() {
        CacheDestination cache = new CacheDestination(hub, repo, path, revision);
        CacheDecision decision = decide(cache);
        if (decision instanceof Download download) {
            FileMetadata metadata = download.metadata();
            TransferTarget target = cache.target(metadata, resolveUrl());
            return new RemoteFileStream(hub.transferContext(), target, source(target, metadata), request.progress());
        }
        if (decision instanceof LinkBlob link) {
            return openCached(repo.blob(link.metadata().etag())); // verified when published; linking can wait
        }
        if (decision instanceof Serve serve) {
            return openCached(serve.file());
        }
        return openCached(act(cache, decision)); // a fallback, or the named error
    }

    private Destination destination() {
        return request.localDir() == null ? new CacheDestination(hub, repo, path, revision)
                : new LocalDirDestination(hub, request.localDir(), repo, path, revision);
    }

    /** The decision: from the disk alone when a pinned copy answers, else with the Hub's answer (or its absence). */
    private CacheDecision decide(Destination destination) {
        CacheDecision decision = decide(destination, HubAnswer.NOT_ASKED);
        if (decision instanceof AskHub ask) {
            decision = decide(destination, hub.config().offline() ? HubAnswer.OFFLINE : askHub(ask.once()));
        }
        return decision;
    }

    /**
     * The one place a decision is made: the disk facts for {@code answer}, then {@link CacheStrategy}. A cache hit or
     * miss is told here, in one line; a decision prints no secret (its metadata redacts the signed location).
     */
    private CacheDecision decide(Destination destination, HubAnswer answer) {
        CacheDecision decision = CacheStrategy.decide(request.forceDownload(), destination.facts(answer), answer);
        // a fallback's or failure's reason may quote an exception: redacted like every logged text
        LOG.log(Level.DEBUG, () -> ServerText.escape(ServerText.redact(told(decision), hub.http().secrets())));
        return decision;
    }

    /** The decision in words, for the debug log: a cache hit, a miss, or why the Hub is (not) asked. */
    private String told(CacheDecision decision) {
        if (decision instanceof Serve) {
            return "cache hit: " + what + " is in place, no download";
        }
        if (decision instanceof LinkBlob link) {
            return "cache hit: " + what + " has blob " + link.metadata().etag().value() + ", linking it";
        }
        if (decision instanceof Download download) {
            return "cache miss: downloading " + what + " (" + download.metadata().size() + " bytes, blob "
                    + download.metadata().etag().value() + ")";
        }
        if (decision instanceof AskHub) {
            return "cache: asking the Hub about " + what;
        }
        if (decision instanceof FallBack fallBack) {
            return "cache fallback: " + what + " answered from the cache (" + fallBack.reason() + ")";
        }
        return "cache miss: " + what + " fails (" + ((Fail) decision).reason() + ")";
    }

    /** The metadata request; {@code once}: a copy could answer a failure, so failing fast beats retrying. */
    private HubAnswer askHub(boolean once) {
        try {
            return new HubAnswer.Found(MetadataRequest.head(hub.http(), resolveUrl(), once ? Attempts.ONCE : null,
                    retries(), what, commitLookup()));
        } catch (HfHttpException | FileMetadataException | IOException e) {
            return new HubAnswer.Failed(e);
        }
    }

    /** Carries out a decision; returns the path answered. */
    private Path act(Destination destination, CacheDecision decision) {
        try {
            if (decision instanceof Serve serve) {
                return serve.metadata() == null ? serve.file() : destination.keep(serve.file(), serve.metadata());
            }
            if (decision instanceof LinkBlob link) {
                return destination.placeCachedBlob(link.metadata());
            }
            if (decision instanceof Download download) {
                FileMetadata metadata = download.metadata();
                boolean downloaded = transfer(destination.target(metadata, resolveUrl()), destination.lock(metadata), metadata);
                return destination.placeDownloaded(metadata, downloaded);
            }
            if (decision instanceof FallBack fallBack) {
                if (!hub.config().offline()) {
                    // the answer may be out of date: the user should know the Hub was not asked
                    LOG.log(Level.WARNING, () -> "using the cached copy of " + ServerText.escape(what) + ": "
                            + ServerText.escape(ServerText.redact(fallBack.reason(), hub.http().secrets())));
                    request.progress().usingCache(path.value(), fallBack.reason());
                }
                return fallBack.file();
            }
        } catch (IOException e) {
            throw new HfHubException("could not write " + what + " into " + destination.where() + ": "
                    + FileErrors.describe(e), e);
        }
        throw error(destination, (Fail) decision); // AskHub never reaches here: decide() asks
    }

    /** The named error of a failed decision. */
    private RuntimeException error(Destination destination, Fail fail) {
        Exception cause = fail.cause();
        switch (fail.failure()) {
            case MISSING_ON_HUB:
                markMissing(((EntryNotFoundException) cause).commit());
                return (RuntimeException) cause;
            case HUB_ERROR:
                return (RuntimeException) cause;
            case FORCED:
                return localEntryNotFound(fail.reason() + ", and forceDownload never answers " + what
                        + " from " + destination.where(), cause);
            default:
                return localEntryNotFound(fail.reason() + " and " + what + " is not in " + destination.where()
                        + (cause == null ? ": download it once while online" : ": check your connection, then try again"),
                        cause);
        }
    }

    private static LocalEntryNotFoundException localEntryNotFound(String message, Exception cause) {
        return cause == null ? new LocalEntryNotFoundException(message) : new LocalEntryNotFoundException(message, cause);
    }

    /** The metadata request's retries, told to the request's listener under the file's name as they happen. */
    private RetryListener retries() {
        ProgressListener listener = request.progress();
        return (attempt, reason, delayMillis) -> listener.retrying(path.value(), attempt, reason, delayMillis);
    }

    private static InputStream openCached(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new HfHubException("could not read " + file + ": " + FileErrors.describe(e), e);
        }
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

    /**
     * Fetches {@code target} unless another thread or process publishes it first; true when this call did.
     * Threads of this JVM share one transfer; processes take turns through the claim. With {@code forceDownload}
     * an existing file is replaced by the atomic publish, never deleted first: a failed forced download loses
     * nothing, and other snapshots linking to the blob never see it missing.
     */
    private boolean transfer(TransferTarget target, Path lockFile, FileMetadata metadata) {
        Path published = target.blob();
        boolean replace = request.forceDownload();
        return hub.inFlight().run(published, () -> {
            try {
                // re-checked under the claim: another thread or process may have published it meanwhile
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

    private LocationSource locationSource(FileMetadata metadata) {
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

    private String resolveUrl() {
        return HubUrls.resolve(hub.config().endpoint(), request.repoType(), request.repoId(), revision.value(), path.value());
    }

    /** The answer: the file, or with {@code extract} the folder the archive was extracted into. */
    private Path extractIfAsked(Path file) {
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
