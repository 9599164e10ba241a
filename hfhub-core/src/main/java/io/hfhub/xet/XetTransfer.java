package io.hfhub.xet;

import io.hfhub.ChecksumMismatchException;
import io.hfhub.HfHubException;
import io.hfhub.ProgressListener;
import io.hfhub.XetProtocolException;
import io.hfhub.http.RetryPolicy;
import io.hfhub.transfer.ContentHasher;
import io.hfhub.transfer.DiskSpace;
import io.hfhub.transfer.Owner;
import io.hfhub.transfer.ResumeState;
import io.hfhub.transfer.TransferContext;
import io.hfhub.transfer.TransferTarget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Xet-backed blob into its {@code .incomplete} file, then published like any download: token → reconstruction
 * (from the bytes already on disk) → per term, the xorb range from the chunk cache or its presigned URL → decoded
 * chunks appended in order → sha256 against the etag → atomic rename into {@code blobs/}.
 *
 * <p>The partial file is a plain prefix of the file with the same {@link ResumeState} as a plain-HTTP download, so
 * a killed Xet download resumes where it stopped (the reconstruction is asked from that byte on), and either kind
 * of transfer can continue the other's. Faults (network, 5xx, an expired URL or token) are retried with the retry
 * policy's backoff, counting attempts without progress; a lying CAS fails at once with
 * {@link XetProtocolException} and its partial bytes are discarded. A verification failure discards everything and
 * allows one fresh attempt that bypasses the chunk cache.
 */
final class XetTransfer {
    private static final long STATE_INTERVAL_MILLIS = 1000;
    /**
     * Xorb ranges fetched at once (each up to 64 MiB held until written); never more than the range connections,
     * so {@code parallelRanges(1)} fetches one range after the other.
     */
    static final int MAX_PARALLEL_FETCHES = 4;

    private final TransferContext ctx;
    private final XetTokens tokens;
    private final CasClient cas;
    private final ChunkCache cache;
    private final TransferTarget target;
    private final String fileHash;
    private final String tokenUrl;
    private final ProgressListener listener;
    private final Owner owner;

    private ResumeState state;
    private ContentHasher hasher;
    private long offset;
    private long lastStateWrite;
    private boolean useCache = true;

    XetTransfer(TransferContext ctx, XetTokens tokens, CasClient cas, ChunkCache cache, TransferTarget target,
            String fileHash, String tokenUrl, ProgressListener listener, Owner owner) {
        this.ctx = ctx;
        this.tokens = tokens;
        this.cas = cas;
        this.cache = cache;
        this.target = target;
        this.fileHash = fileHash;
        this.tokenUrl = tokenUrl;
        this.listener = listener;
        this.owner = owner;
    }

    Path run() {
        try {
            Files.createDirectories(target.incomplete().getParent());
            prepareResume();
            DiskSpace.require(ctx, target.incomplete().getParent(), target.size() - offset, target.name());
            listener.started(target.name(), target.size(), offset);
            for (boolean freshAttemptUsed = false; ; freshAttemptUsed = true) {
                downloadWithRetries();
                if (offset == target.size() && hasher.matches(target.etag())) {
                    publish();
                    listener.finished(target.name(), target.size());
                    return target.blob();
                }
                if (freshAttemptUsed) {
                    discard();
                    throw new ChecksumMismatchException("the Xet download of " + target.name()
                            + " failed verification twice (content does not hash to " + target.etag()
                            + "); nothing was written to the cache");
                }
                listener.retrying(target.name(), 1, "verification failed, restarting from zero without the chunk cache", 0);
                useCache = false;
                restartFromZero();
            }
        } catch (XetProtocolException e) {
            discard();
            listener.failed(target.name(), e);
            throw e;
        } catch (HfHubException e) {
            ResumeState.release(target.stateFile());
            listener.failed(target.name(), e);
            throw e;
        } catch (IOException e) {
            ResumeState.release(target.stateFile());
            HfHubException failure = DiskSpace.failed(target.name(), target.incomplete(), true, e);
            listener.failed(target.name(), failure);
            throw failure;
        }
    }

    /** Continues a partial file of the same etag and size (whoever wrote it); anything else starts over. */
    private void prepareResume() throws IOException {
        hasher = ContentHasher.forEtag(target.etag(), target.size());
        long now = ctx.clock().millis();
        ResumeState previous = ResumeState.read(target.stateFile()).orElse(null);
        Path partial = target.incomplete();
        long onDisk = Files.exists(partial) ? Files.size(partial) : -1;
        boolean resumable = previous != null && previous.ranges() == null && previous.matches(target, onDisk);
        if (!resumable) {
            Files.deleteIfExists(partial);
            onDisk = 0;
        }
        offset = onDisk;
        hasher.updateFrom(partial, offset, ctx.bufferSize()); // the final check still covers every byte
        state = new ResumeState(ResumeState.VERSION, target.resolveUrl(), target.etag().value(), target.size(),
                target.commit().value(),
                offset, resumable ? previous.startedAt() : now, now, owner.heartbeat(now), null);
        state.write(target.stateFile());
        lastStateWrite = now;
    }

    private void downloadWithRetries() throws IOException {
        RetryPolicy policy = ctx.retryPolicy();
        int failures = 0;
        while (offset < target.size()) {
            long before = offset;
            try {
                attempt();
                return;
            } catch (CasClient.Retry e) {
                if (e.tokenExpired) {
                    tokens.invalidate(tokenUrl);
                }
                failures = offset > before ? 1 : failures + 1;
                if (failures >= policy.maxAttempts()) {
                    throw new HfHubException("the Xet download of " + target.name() + " failed after " + failures
                            + " attempts without progress: " + e.getMessage()
                            + " (the partial file is kept; run the same command again to resume)", e);
                }
                java.time.Duration delay = policy.backoff().delay(failures, null);
                listener.retrying(target.name(), failures, e.getMessage(), delay.toMillis());
                policy.pause(delay);
            }
        }
    }

    /** One reconstruction from the current offset, and its terms in order. */
    private void attempt() throws IOException {
        XetToken token = tokens.get(tokenUrl, target.name());
        Reconstruction plan = cas.reconstruction(token, fileHash, offset, target.size(), target.name());
        Map<Reconstruction.FetchRange, Integer> lastUse = plan.lastUse();
        Map<Reconstruction.FetchRange, List<byte[]>> decoded = new IdentityHashMap<>();
        long skip = plan.offsetIntoFirstRange();
        int window = Math.max(1, Math.min(MAX_PARALLEL_FETCHES, ctx.rangeConnections()));
        try (Prefetch prefetch = new Prefetch(cas, toFetch(plan), window, target.name());
                FileChannel out = FileChannel.open(target.incomplete(), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            out.truncate(offset); // bytes past the recorded prefix were never verified as part of it
            List<Reconstruction.Term> terms = plan.terms();
            for (int i = 0; i < terms.size(); i++) {
                Reconstruction.Term term = terms.get(i);
                List<byte[]> chunks = chunksOf(term, decoded, prefetch);
                skip = write(out, term, chunks, skip);
                if (lastUse.get(term.fetch()) == i) {
                    decoded.remove(term.fetch()); // memory holds only ranges still ahead
                }
            }
        }
        saveState();
    }

    /**
     * The fetch ranges the terms will need from the network, in the order of first use: those of terms the chunk
     * cache holds are left out (a cached range that is gone by then is fetched on the spot).
     */
    private List<Reconstruction.FetchRange> toFetch(Reconstruction plan) {
        java.util.Set<Reconstruction.FetchRange> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<Reconstruction.FetchRange> order = new java.util.ArrayList<>();
        for (Reconstruction.Term term : plan.terms()) {
            if (!seen.contains(term.fetch()) && !(useCache && cache.covers(term.xorb(), term.start(), term.end()))) {
                seen.add(term.fetch());
                order.add(term.fetch());
            }
        }
        return order;
    }

    /**
     * The term's chunks: from its fetch range already decoded or being fetched, else from a cached range holding
     * them, else fetched now (then cached).
     */
    private List<byte[]> chunksOf(Reconstruction.Term term, Map<Reconstruction.FetchRange, List<byte[]>> decoded,
            Prefetch prefetch) throws IOException {
        List<byte[]> fetched = decoded.get(term.fetch());
        if (fetched != null) {
            return slice(fetched, term.fetch().start(), term);
        }
        if (useCache && !prefetch.has(term.fetch())) {
            ChunkCache.Range hit = cache.find(term.xorb(), term.start(), term.end()).orElse(null);
            if (hit != null) {
                try {
                    return slice(ChunkCodec.decode(hit.data(), hit.end() - hit.start(), "cached " + term.xorb()),
                            hit.start(), term);
                } catch (XetProtocolException corrupt) {
                    cache.remove(term.xorb(), hit.start(), hit.end()); // a damaged cache entry is fetched again
                }
            }
        }
        Reconstruction.FetchRange range = term.fetch();
        byte[] data = prefetch.take(range);
        List<byte[]> chunks = ChunkCodec.decode(data, range.end() - range.start(), target.name());
        cache.put(range.xorb(), range.start(), range.end(), data);
        decoded.put(range, chunks);
        return slice(chunks, range.start(), term);
    }

    /** Chunks {@code [term.start, term.end)} out of a run of chunks starting at index {@code first}. */
    private List<byte[]> slice(List<byte[]> chunks, int first, Reconstruction.Term term) {
        List<byte[]> mine = chunks.subList(term.start() - first, term.end() - first);
        long length = 0;
        for (byte[] c : mine) {
            length += c.length;
        }
        if (length != term.unpackedLength()) {
            throw new XetProtocolException("the Xet reconstruction of " + target.name() + " says chunks [" + term.start()
                    + ", " + term.end() + ") of xorb " + term.xorb() + " hold " + term.unpackedLength()
                    + " bytes, but they decode to " + length + "; nothing was written to the cache");
        }
        return mine;
    }

    /** Appends the term's bytes (less {@code skip} at its start); returns what is left to skip. */
    private long write(FileChannel out, Reconstruction.Term term, List<byte[]> chunks, long skip) throws IOException {
        for (byte[] chunk : chunks) {
            int from = (int) Math.min(skip, chunk.length);
            skip -= from;
            int n = chunk.length - from;
            if (n == 0) {
                continue;
            }
            if (offset + n > target.size()) {
                throw new XetProtocolException("the Xet reconstruction of " + target.name() + " runs past its "
                        + target.size() + " bytes; nothing was written to the cache");
            }
            ByteBuffer buffer = ByteBuffer.wrap(chunk, from, n);
            hasher.update(chunk, from, n);
            while (buffer.hasRemaining()) {
                out.write(buffer, offset + (n - buffer.remaining()));
            }
            offset += n;
            listener.progress(target.name(), offset, target.size());
            saveStateIfDue();
        }
        return skip;
    }

    private void saveStateIfDue() throws IOException {
        if (ctx.clock().millis() - lastStateWrite >= STATE_INTERVAL_MILLIS) {
            saveState();
        }
    }

    /** Records the prefix on disk and renews the lease; fails if another process adopted the partial file. */
    private void saveState() throws IOException {
        ResumeState.requireOwner(target.stateFile(), state.owner().id(), target.name());
        long now = ctx.clock().millis();
        state = state.withProgress(offset, now);
        state.write(target.stateFile());
        lastStateWrite = now;
    }

    private void restartFromZero() throws IOException {
        Files.deleteIfExists(target.incomplete());
        hasher = hasher.fresh();
        offset = 0;
        state = state.withProgress(0, ctx.clock().millis());
        state.write(target.stateFile());
        listener.progress(target.name(), 0, target.size());
    }

    private void publish() throws IOException {
        ResumeState.requireOwner(target.stateFile(), state.owner().id(), target.name());
        Files.move(target.incomplete(), target.blob(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(target.stateFile());
    }

    /** After a lie or a failed verification the partial bytes are not trusted: they go, with their state. */
    private void discard() {
        try {
            Files.deleteIfExists(target.incomplete());
            Files.deleteIfExists(target.stateFile());
        } catch (IOException ignored) {
            // a leftover partial file without a state is restarted from zero by the next download
        }
    }
}
