package io.hfhub.transfer;

import java.io.IOException;

/**
 * Where the bytes of a file can be fetched. Presigned CDN URLs expire (the CDN answers 403), so the transfer
 * can ask for a fresh one, which means a new metadata request to the Hub.
 */
public interface LocationSource {
    /** The current download URL. */
    String current();

    /** Asks the Hub again and returns a new URL; fails if the file changed meanwhile. */
    String refresh() throws IOException;
}
