package io.hfhub;

import io.hfhub.config.HubConfig;
import io.hfhub.http.HubHttp;
import io.hfhub.store.CacheWriter;
import io.hfhub.store.RepoCache;
import io.hfhub.store.SymlinkSupport;
import io.hfhub.transfer.InFlight;
import io.hfhub.transfer.TransferContext;
import io.hfhub.xet.Xet;
import java.nio.file.Path;

/**
 * What the downloads of one {@link HfHub} share: configuration, HTTP, throttle, in-JVM dedupe, symlink probe, the
 * Xet client.
 */
record HubRuntime(HubConfig config, HubHttp http, TransferContext transferContext, InFlight<Path, Boolean> inFlight,
        SymlinkSupport symlinkSupport, ExtractOptions extractOptions, Xet xet) {

    CacheWriter cacheWriter(RepoCache repo) {
        boolean symlinks = !config.disableSymlinks() && symlinkSupport.supported(config.cacheDir());
        return new CacheWriter(repo, symlinks);
    }
}
