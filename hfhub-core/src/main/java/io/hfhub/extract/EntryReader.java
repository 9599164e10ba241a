package io.hfhub.extract;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** Walks the entries of one archive, in archive order. One implementation per container format. */
interface EntryReader extends Closeable {
    /** The next entry, or null at the end of the archive. */
    ArchiveItem next() throws IOException;

    /**
     * The content of the entry last returned by {@link #next()}, decompressed. Valid until the next call to
     * {@code next()}; the reader owns and closes it.
     */
    InputStream content() throws IOException;
}
