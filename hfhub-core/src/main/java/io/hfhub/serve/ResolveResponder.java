package io.hfhub.serve;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Answers {@code HEAD|GET .../resolve/{revision}/{path}} with the headers the Python client reads from the
 * Hub ({@code X-Repo-Commit}, {@code ETag}/{@code X-Linked-Etag}, {@code X-Linked-Size},
 * {@code Content-Length}) and the file's bytes, honouring a single {@code Range}.
 */
final class ResolveResponder {
    /**
     * 64 KiB per read, the size of the connection's socket writes: a stalled download holds this much, not
     * 1 MiB (with 32 stalled clients, 1 MiB buffers cost G1 young pauses of up to 0.3 s on a loaded 2-core
     * machine, delaying every other request; bench/serve/run.sh).
     */
    private static final int CHUNK = 64 << 10;

    private final MirrorStore store;

    ResolveResponder(MirrorStore store) {
        this.store = store;
    }

    void respond(Exchange exchange, HubRoute.Resolve route) throws IOException {
        Snapshot snapshot = store.snapshot(route.type(), route.repoId(), route.revision());
        ServedFile file = store.file(snapshot, route.path());
        exchange.setHeader("X-Repo-Commit", snapshot.commit()); // the client records the commit a ref resolved to
        exchange.setHeader("ETag", "\"" + file.etag() + "\"");
        if (file.isLfs()) {
            // For LFS files the Python client takes the sha256 and size from these, like from the Hub.
            exchange.setHeader("X-Linked-Etag", "\"" + file.etag() + "\"");
            exchange.setHeader("X-Linked-Size", Long.toString(file.size()));
        }
        exchange.setHeader("Accept-Ranges", "bytes");
        exchange.setHeader("Content-Type", "application/octet-stream");
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(exchange.request().header("Range"), file.size());
        } catch (ByteRange.Unsatisfiable e) {
            exchange.setHeader("Content-Range", "bytes */" + file.size());
            exchange.respond(416, 0);
            return;
        }
        if (exchange.isHead()) {
            exchange.respond(200, file.size()); // the headers of the whole file, as the clients expect
            return;
        }
        ByteRange bytes = range.orElse(new ByteRange(0, file.size() - 1));
        if (range.isPresent()) {
            exchange.setHeader("Content-Range", "bytes " + bytes.first() + "-" + bytes.last() + "/" + file.size());
        }
        OutputStream out = exchange.respond(range.isPresent() ? 206 : 200, bytes.length());
        if (bytes.length() > 0) {
            send(file, bytes, out);
        }
    }

    private static void send(ServedFile file, ByteRange bytes, OutputStream out) throws IOException {
        try (FileChannel channel = FileChannel.open(file.realPath(), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, bytes.length()));
            long position = bytes.first();
            long remaining = bytes.length();
            while (remaining > 0) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), remaining));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new IOException(file.realPath() + " shrank while being sent");
                }
                out.write(buffer.array(), 0, n);
                position += n;
                remaining -= n;
            }
        }
    }
}
