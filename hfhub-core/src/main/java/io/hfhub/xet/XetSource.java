package io.hfhub.xet;

import io.hfhub.XetProtocolException;
import io.hfhub.http.HubCall;
import io.hfhub.transfer.Outcome;
import io.hfhub.transfer.RangeSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A Xet-backed file as a {@link RangeSource}: a range is opened by asking the CAS for the file's reconstruction from
 * its first byte (with the read token), and read as the decoded chunks of its terms in order, each term's xorb range
 * taken from the chunk cache or fetched from its presigned URL ({@link Prefetch} fetches a few ahead). The
 * scheduler does the rest as for any file: the partial file, resume, verification by sha256, publish.
 *
 * <p>Faults (network, 5xx, an expired URL or token) are {@link Outcome.RetryAfter}, so another reconstruction is
 * asked from where the file stands; a lying CAS is a {@link XetProtocolException}, which discards the partial
 * bytes. One connection per file: the terms of one reconstruction are already fetched several at once, and each
 * parallel reconstruction would hold its own window of 64 MiB xorb ranges.
 */
final class XetSource implements RangeSource {
    /**
     * Xorb ranges fetched at once (each up to 64 MiB held until written); never more than the range connections,
     * so {@code parallelRanges(1)} fetches one range after the other.
     */
    static final int MAX_PARALLEL_FETCHES = 4;

    private final XetTokens tokens;
    private final CasClient cas;
    private final ChunkCache cache;
    private final String fileHash;
    private final String tokenUrl;
    private final long size;
    private final String name;
    private final int window;
    private volatile boolean useCache = true;

    XetSource(XetTokens tokens, CasClient cas, ChunkCache cache, String fileHash, String tokenUrl, long size,
            String name, int rangeConnections) {
        this.tokens = tokens;
        this.cas = cas;
        this.cache = cache;
        this.fileHash = fileHash;
        this.tokenUrl = tokenUrl;
        this.size = size;
        this.name = name;
        this.window = Math.max(1, Math.min(MAX_PARALLEL_FETCHES, rangeConnections));
    }

    /** The reconstruction from {@code from} to the end of the file; the reader stops at {@code end}. */
    @Override
    public Opening open(long from, long end, Consumer<HubCall> onCall) throws IOException {
        Reconstruction plan;
        try {
            XetToken token = tokens.get(tokenUrl, name);
            plan = cas.reconstruction(token, fileHash, from, size, name);
        } catch (CasClient.Retry e) {
            if (e.tokenExpired) {
                tokens.invalidate(tokenUrl);
            }
            return new Refused(new Outcome.RetryAfter(e.getMessage(), null, false));
        }
        return new Body(new Terms(plan), from, false);
    }

    /** After a failed verification the fresh attempt bypasses the chunk cache, which may hold the bad bytes. */
    @Override
    public void restarting() {
        useCache = false;
    }

    @Override
    public boolean metersItself() {
        return true; // CasClient throttles and budgets the xorb fetches; cached chunks cost no bandwidth
    }

    @Override
    public int maxConnections() {
        return 1;
    }

    /**
     * The decoded bytes of a reconstruction's terms in order, less the offset into the first. Memory holds only the
     * fetch ranges still ahead. A fault is an {@link IOException} ({@link CasClient.Retry}); a lie, a
     * {@link XetProtocolException}.
     */
    private final class Terms extends InputStream {
        private final Reconstruction plan;
        private final Map<Reconstruction.FetchRange, Integer> lastUse;
        private final Map<Reconstruction.FetchRange, List<byte[]>> decoded = new IdentityHashMap<>();
        private final Prefetch prefetch;
        private long skip;
        private int term;
        private List<byte[]> chunks = List.of();
        private int chunk;
        private int within;

        Terms(Reconstruction plan) {
            this.plan = plan;
            this.lastUse = plan.lastUse();
            this.skip = plan.offsetIntoFirstRange();
            this.prefetch = new Prefetch(cas, toFetch(plan), window, name);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (true) {
                while (chunk == chunks.size() || within == chunks.get(chunk).length) {
                    if (chunk < chunks.size()) {
                        chunk++;
                        within = 0;
                        continue;
                    }
                    if (term == plan.terms().size()) {
                        return -1;
                    }
                    nextTerm();
                }
                byte[] current = chunks.get(chunk);
                if (skip > 0) { // the requested start lies inside the first term's chunks
                    int skipped = (int) Math.min(skip, current.length - within);
                    skip -= skipped;
                    within += skipped;
                    continue;
                }
                int n = Math.min(len, current.length - within);
                System.arraycopy(current, within, b, off, n);
                within += n;
                return n;
            }
        }

        private void nextTerm() throws IOException {
            Reconstruction.Term t = plan.terms().get(term);
            chunks = chunksOf(t);
            chunk = 0;
            within = 0;
            if (lastUse.get(t.fetch()) == term) {
                decoded.remove(t.fetch()); // memory holds only ranges still ahead
            }
            term++;
        }

        /**
         * The term's chunks: from its fetch range already decoded or being fetched, else from a cached range holding
         * them, else fetched now (then cached).
         */
        private List<byte[]> chunksOf(Reconstruction.Term t) throws IOException {
            List<byte[]> fetched = decoded.get(t.fetch());
            if (fetched != null) {
                return slice(fetched, t.fetch().start(), t);
            }
            if (useCache && !prefetch.has(t.fetch())) {
                ChunkCache.Range hit = cache.find(t.xorb(), t.start(), t.end()).orElse(null);
                if (hit != null) {
                    try {
                        return slice(ChunkCodec.decode(hit.data(), hit.end() - hit.start(), "cached " + t.xorb()),
                                hit.start(), t);
                    } catch (XetProtocolException corrupt) {
                        cache.remove(t.xorb(), hit.start(), hit.end()); // a damaged cache entry is fetched again
                    }
                }
            }
            Reconstruction.FetchRange range = t.fetch();
            byte[] data = prefetch.take(range);
            List<byte[]> decodedChunks = ChunkCodec.decode(data, range.end() - range.start(), name);
            cache.put(range.xorb(), range.start(), range.end(), data);
            decoded.put(range, decodedChunks);
            return slice(decodedChunks, range.start(), t);
        }

        /** Chunks {@code [t.start, t.end)} out of a run of chunks starting at index {@code first}. */
        private List<byte[]> slice(List<byte[]> run, int first, Reconstruction.Term t) {
            List<byte[]> mine = run.subList(t.start() - first, t.end() - first);
            long length = 0;
            for (byte[] c : mine) {
                length += c.length;
            }
            if (length != t.unpackedLength()) {
                throw new XetProtocolException("the Xet reconstruction of " + name + " says chunks [" + t.start()
                        + ", " + t.end() + ") of xorb " + t.xorb() + " hold " + t.unpackedLength()
                        + " bytes, but they decode to " + length + "; nothing was written to the cache");
            }
            return mine;
        }

        @Override
        public void close() {
            prefetch.close();
        }
    }

    /**
     * The fetch ranges the terms will need from the network, in the order of first use: those of terms the chunk
     * cache holds are left out (a cached range that is gone by then is fetched on the spot).
     */
    private List<Reconstruction.FetchRange> toFetch(Reconstruction plan) {
        java.util.Set<Reconstruction.FetchRange> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<Reconstruction.FetchRange> order = new java.util.ArrayList<>();
        for (Reconstruction.Term t : plan.terms()) {
            if (!seen.contains(t.fetch()) && !(useCache && cache.covers(t.xorb(), t.start(), t.end()))) {
                seen.add(t.fetch());
                order.add(t.fetch());
            }
        }
        return order;
    }
}
