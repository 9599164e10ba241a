package io.hfhub;

import io.hfhub.http.Attempts;
import io.hfhub.http.FileMetadata;
import io.hfhub.http.HubApi;
import io.hfhub.http.HubUrls;
import io.hfhub.http.RetryListener;
import io.hfhub.snapshot.LocalDirPaths;
import io.hfhub.snapshot.PathFilter;
import io.hfhub.snapshot.RepoFile;
import io.hfhub.snapshot.RepoListing;
import io.hfhub.snapshot.SnapshotPlan;
import io.hfhub.snapshot.TreeCache;
import io.hfhub.store.CacheLayout;
import io.hfhub.store.CacheWriter;
import io.hfhub.store.CommitHash;
import io.hfhub.store.RepoCache;
import io.hfhub.store.Revision;
import io.hfhub.text.ServerText;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A whole revision, in the Python client's order ({@code snapshot_download}): resolve the commit → list the
 * files (from {@code trees/<commit>.json} when cached, else the paginated tree API) → filter → write the ref →
 * fetch every file on a pool of workers, each with the size and hash the listing gave, so no file needs its
 * own metadata request → answer the snapshot folder (or the local folder).
 */
final class HubSnapshotDownload {
    private static final System.Logger LOG = System.getLogger(HubSnapshotDownload.class.getName());

    private final HubRuntime hub;
    private final SnapshotRequest request;
    private final Revision revision;
    private final RepoCache repo;
    private final String what;
    /** Set when the commit had to come from the cache: then nothing may be fetched either. */
    private boolean offlineOrUnreachable;
    /** Why the Hub gave no answer, when it did not (for the message and the listener). */
    private String noAnswer = "the Hub could not be reached";

    HubSnapshotDownload(HubRuntime hub, SnapshotRequest request) {
        this.hub = hub;
        this.request = request;
        this.revision = Revision.of(request.revision());
        this.repo = new CacheLayout(hub.config().cacheDir()).repo(request.repoType(), request.repoId());
        this.what = request.repoType().id() + " '" + request.repoId() + "' at revision '" + request.revision() + "'";
    }

    Path run() {
        Optional<CommitHash> commit = resolveCommit();
        if (commit.isEmpty()) {
            return cachedSnapshot(noAnswer);
        }
        Optional<List<RepoFile>> listing = listFiles(commit.get());
        if (listing.isEmpty()) {
            return cachedSnapshot("the file list could not be fetched");
        }
        SnapshotPlan plan = SnapshotPlan.of(listing.get(), filter());
        Path folder = request.localDir() != null ? request.localDir().toAbsolutePath().normalize() : repo.snapshot(commit.get());
        if (offlineOrUnreachable) {
            // The answer comes from the cache alone, as in the Python client: complete, or a typed error.
            List<String> missing = plan.files().stream().filter(f -> !isCached(commit.get(), f)).map(RepoFile::path).toList();
            if (!missing.isEmpty()) {
                throw new LocalEntryNotFoundException((hub.config().offline() ? "offline mode is enabled (HF_HUB_OFFLINE)"
                        : noAnswer) + " and " + missing.size() + " file(s) of " + what
                        + " are not in the cache, e.g. " + missing.subList(0, Math.min(3, missing.size())));
            }
            toldUsingCache();
            return folder;
        }
        if (request.localDir() != null) {
            writeRef(commit.get());
            fetchAll(commit.get(), plan.files());
            return folder;
        }
        try {
            fetchAll(commit.get(), plan.files());
        } finally {
            // The ref once its snapshot exists (even partly): never a ref to a missing snapshot.
            if (Files.isDirectory(folder)) {
                writeRef(commit.get());
            }
        }
        return folder;
    }

    /** What {@link #run()} would fetch, fetching nothing. */
    List<DryRunEntry> dryRun() {
        RepoListing listing = listing();
        CommitHash commit = listing.commit();
        List<DryRunEntry> entries = new ArrayList<>();
        for (RepoFile file : listing.files()) {
            Path local = localPath(commit, file);
            entries.add(DryRunEntry.of(file, isCached(commit, file), request.forceDownload(), local));
        }
        return entries;
    }

    /** The commit and its files (filtered), from the cache when it has them, else from the Hub; fetches no file. */
    RepoListing listing() {
        CommitHash commit = resolveCommit().orElseThrow(() -> new LocalEntryNotFoundException(
                "cannot resolve " + what + ": " + (hub.config().offline() ? "offline" : noAnswer)
                        + ", and no ref is cached"));
        List<RepoFile> files = listFiles(commit).orElseThrow(() -> new LocalEntryNotFoundException(
                "cannot list the files of " + what + ": offline or the Hub is unreachable, and no listing is cached"));
        return new RepoListing(commit, SnapshotPlan.of(files, filter()).files());
    }

    private PathFilter filter() {
        return PathFilter.of(request.allowPatterns(), request.ignorePatterns());
    }

    /**
     * The commit: the revision itself when it is a commit hash (no request), else the revision API. Empty when
     * offline or when the Hub is unreachable (the cache may answer).
     */
    private Optional<CommitHash> resolveCommit() {
        Optional<CommitHash> pinned = revision.asCommit();
        if (pinned.isPresent()) {
            offlineOrUnreachable = hub.config().offline();
            return pinned;
        }
        Optional<CommitHash> cached = CacheWriter.readRef(repo, revision);
        if (hub.config().offline()) {
            offlineOrUnreachable = true;
            return cached;
        }
        try {
            return Optional.of(new HubApi(hub.http()).resolveCommit(request.repoType(), request.repoId(), revision,
                    cached.isPresent() ? Attempts.ONCE : null, retries()));
        } catch (HfHttpException e) {
            // as for one file (CacheStrategy): an unavailable Hub, or any answer but RevisionNotFound when a
            // snapshot of the revision is cached, lets the cache answer; else the Hub's typed answer is raised
            if (!CacheStrategy.hubUnavailable(e) && (cached.isEmpty() || e instanceof RevisionNotFoundException)) {
                throw e;
            }
            offlineOrUnreachable = true;
            noAnswer = CacheStrategy.reason(e);
            return cached;
        } catch (IOException e) {
            offlineOrUnreachable = true;
            noAnswer = CacheStrategy.reason(e);
            return cached;
        }
    }

    /** The files of the commit: the cached listing (never stale: a commit does not change) or the tree API. */
    private Optional<List<RepoFile>> listFiles(CommitHash commit) {
        TreeCache trees = TreeCache.inRepoFolder(repo.folder());
        Optional<List<RepoFile>> cached = trees.read(commit);
        if (cached.isPresent() || offlineOrUnreachable) {
            return cached;
        }
        try {
            List<RepoFile> files = new HubApi(hub.http()).listFiles(request.repoType(), request.repoId(), commit);
            try {
                trees.write(commit, files);
            } catch (IOException e) {
                // the listing is an optimisation for the next run; a read-only cache still downloads fine
            }
            return Optional.of(files);
        } catch (HfHttpException e) {
            if (CacheStrategy.hubUnavailable(e)) {
                offlineOrUnreachable = true;
                return Optional.empty();
            }
            throw e;
        } catch (IOException e) {
            offlineOrUnreachable = true;
            return Optional.empty();
        }
    }

    private void writeRef(CommitHash commit) {
        try {
            hub.cacheWriter(repo).writeRef(revision, commit);
        } catch (IOException e) {
            // as in the Python client, a ref that cannot be written only costs a request next time
        }
    }

    /** Fetches every file on {@code maxWorkers} threads; the first failure is rethrown after the rest stop. */
    private void fetchAll(CommitHash commit, List<RepoFile> files) {
        List<RepoFile> missing = files.stream().filter(f -> request.forceDownload() || !isCached(commit, f)).toList();
        LOG.log(Level.DEBUG, () -> ServerText.escape(what) + " at commit " + commit.value() + ": "
                + (files.size() - missing.size()) + " of " + files.size() + " file(s) cached, " + missing.size()
                + " to download");
        if (missing.isEmpty()) {
            return;
        }
        request.progress().planned(missing.size(), missing.stream().mapToLong(RepoFile::size).sum());
        int workers = Math.min(request.maxWorkers(), missing.size());
        AtomicInteger threadIds = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "hfhub-snapshot-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Path>> futures = new ArrayList<>();
            for (RepoFile file : missing) {
                futures.add(pool.submit(() -> fetchOne(commit, file)));
            }
            for (Future<Path> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    futures.forEach(f -> f.cancel(true));
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new HfHubException("snapshot of " + what + " failed: " + e.getCause(), e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HfHubException("snapshot of " + what + " was interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private Path fetchOne(CommitHash commit, RepoFile file) {
        return fileDownload(commit, file).withMetadata(metadata(commit, file));
    }

    /** Whether the listed version is in place already, as its destination records it. */
    private boolean isCached(CommitHash commit, RepoFile file) {
        return fileDownload(commit, file).isInPlace(metadata(commit, file));
    }

    /** The download of one listed file, pinned to the commit: the snapshot's files follow the one-file flow. */
    private HubFileDownload fileDownload(CommitHash commit, RepoFile file) {
        return new HubFileDownload(hub, FileRequest.builder(request.repoId().value(), file.path())
                .repoType(request.repoType()).revision(commit.value()).forceDownload(request.forceDownload())
                .localDir(request.localDir()).progress(request.progress()).build());
    }

    /** What the listing says of a file: the metadata a request would give, so the file needs none. */
    private FileMetadata metadata(CommitHash commit, RepoFile file) {
        String url = HubUrls.resolve(hub.config().endpoint(), request.repoType(), request.repoId(), commit.value(), file.path());
        return new FileMetadata(commit, file.etag(), file.size(), url, file.xetHash());
    }

    private Path localPath(CommitHash commit, RepoFile file) {
        return request.localDir() != null
                ? new LocalDirPaths(request.localDir().toAbsolutePath().normalize(), file.path()).file()
                : repo.snapshotFile(commit, file.filePath());
    }

    /** The revision's retries, told to the request's listener under the repo id as they happen. */
    private RetryListener retries() {
        ProgressListener listener = request.progress();
        String name = request.repoId().value();
        return (attempt, reason, delayMillis) -> listener.retrying(name, attempt, reason, delayMillis);
    }

    /** Tells the listener the answer comes from the cache because the Hub gave none (not when offline by choice). */
    private void toldUsingCache() {
        if (!hub.config().offline()) {
            // the answer may be out of date: the user should know the Hub was not asked
            LOG.log(Level.WARNING, () -> "using the cached snapshot of " + ServerText.escape(what) + ": "
                    + ServerText.escape(ServerText.redact(noAnswer, hub.http().secrets())));
            request.progress().usingCache(request.repoId().value(), noAnswer);
        } else {
            LOG.log(Level.DEBUG, () -> "cache hit: " + ServerText.escape(what) + " (offline)");
        }
    }

    /** Offline or unreachable: the cached snapshot of the revision, if there is one. */
    private Path cachedSnapshot(String reason) {
        Optional<CommitHash> commit = revision.asCommit().or(() -> CacheWriter.readRef(repo, revision));
        if (request.localDir() != null && Files.isDirectory(request.localDir())) {
            return request.localDir().toAbsolutePath().normalize();
        }
        if (commit.isPresent() && Files.isDirectory(repo.snapshot(commit.get()))) {
            toldUsingCache();
            return repo.snapshot(commit.get());
        }
        String why = hub.config().offline() ? "offline mode is enabled (HF_HUB_OFFLINE)" : reason;
        throw new LocalEntryNotFoundException(why + " and no snapshot of " + what + " is in the cache at "
                + hub.config().cacheDir());
    }
}
