package io.hfhub.xet;

import io.hfhub.http.HubHttp;
import io.hfhub.transfer.RangeSource;
import io.hfhub.transfer.TransferContext;
import io.hfhub.transfer.TransferTarget;

/**
 * hfhub's Xet client: what the downloads of one {@code HfHub} share (read tokens per repository and revision, the
 * chunk cache) and the one entry point the download flow calls for a Xet-backed file: its bytes as a range source
 * of the transfer engine.
 */
public final class Xet {
    private final XetSettings settings;
    private final XetTokens tokens;
    private final ChunkCache cache;

    private Xet(XetSettings settings, XetTokens tokens, ChunkCache cache) {
        this.settings = settings;
        this.tokens = tokens;
        this.cache = cache;
    }

    /** The client for {@code settings}, fetching tokens through {@code http}. */
    public static Xet create(XetSettings settings, HubHttp http, java.time.Clock clock) {
        ChunkCache cache = settings.cacheBytes() > 0 ? new ChunkCache(settings.cacheDir(), settings.cacheBytes(), clock)
                : ChunkCache.disabled();
        return new Xet(settings, new XetTokens(http, clock), cache);
    }

    /** Whether a file whose metadata names a Xet hash is fetched through Xet (else by plain HTTP). */
    public boolean enabled() {
        return !settings.disabled();
    }

    public XetSettings settings() {
        return settings;
    }

    /**
     * The bytes of {@code target}, the file {@code fileHash} in the CAS, as a range source for the transfer engine
     * (a download, or {@code HfHub.open()}), with read tokens from {@code tokenUrl}.
     */
    public RangeSource source(TransferContext ctx, TransferTarget target, String fileHash, String tokenUrl) {
        if (!XetHash.isValid(fileHash)) {
            throw new IllegalArgumentException("not a Xet hash");
        }
        CasClient cas = new CasClient(ctx.http(), ctx.throttle(), ctx.connections());
        return new XetSource(tokens, cas, cache, fileHash, tokenUrl, target.size(), target.name(), ctx.rangeConnections());
    }
}
