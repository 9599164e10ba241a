package io.hfhub.extract;

import java.io.IOException;
import java.io.InputStream;

/** Presents a compressed single file ({@code .gz}, {@code .xz}, …) as an archive of one regular file. */
final class SingleFileReader implements EntryReader {
    private final InputStream decompressed;
    private final String name;
    private boolean done;

    /** {@code name} is the output file name, chosen by {@link SingleFileNames}. */
    SingleFileReader(InputStream decompressed, String name) {
        this.decompressed = decompressed;
        this.name = name;
    }

    @Override
    public ArchiveItem next() {
        if (done) {
            return null;
        }
        done = true;
        return new ArchiveItem(name, ArchiveItem.Kind.FILE, null, 0, -1);
    }

    @Override
    public InputStream content() {
        return decompressed;
    }

    @Override
    public void close() throws IOException {
        decompressed.close();
    }
}
