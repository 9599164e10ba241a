package io.hfhub.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
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
    /** 1 MiB per read: few syscalls per byte without holding much memory per connection. */
    private static final int CHUNK = 1 << 20;

    private final MirrorStore store;

    ResolveResponder(MirrorStore store) {
        this.store = store;
    }

    void respond(HttpExchange exchange, HubRoute.Resolve route) throws IOException {
        Snapshot snapshot = store.snapshot(route.type(), route.repoId(), route.revision());
        ServedFile file = store.file(snapshot, route.path());
        Headers headers = exchange.getResponseHeaders();
        headers.set("X-Repo-Commit", snapshot.commit()); // the client records the commit a ref resolved to
        headers.set("ETag", "\"" + file.etag() + "\"");
        if (file.isLfs()) {
            // For LFS files the Python client takes the sha256 and size from these, like from the Hub.
            headers.set("X-Linked-Etag", "\"" + file.etag() + "\"");
            headers.set("X-Linked-Size", Long.toString(file.size()));
        }
        headers.set("Accept-Ranges", "bytes");
        headers.set("Content-Type", "application/octet-stream");
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(exchange.getRequestHeaders().getFirst("Range"), file.size());
        } catch (ByteRange.Unsatisfiable e) {
            headers.set("Content-Range", "bytes */" + file.size());
            exchange.sendResponseHeaders(416, -1);
            return;
        }
        if (Responses.isHead(exchange)) {
            // The JDK server sends no Content-Length for HEAD unless set by hand; clients need the real size.
            headers.set("Content-Length", Long.toString(file.size()));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        ByteRange bytes = range.orElse(new ByteRange(0, file.size() - 1));
        if (range.isPresent()) {
            headers.set("Content-Range", "bytes " + bytes.first() + "-" + bytes.last() + "/" + file.size());
        }
        // -1 is the JDK server's "no body"; 0 would mean chunked.
        exchange.sendResponseHeaders(range.isPresent() ? 206 : 200, bytes.length() == 0 ? -1 : bytes.length());
        if (bytes.length() > 0) {
            send(file, bytes, exchange);
        }
    }

    private static void send(ServedFile file, ByteRange bytes, HttpExchange exchange) throws IOException {
        try (FileChannel channel = FileChannel.open(file.realPath(), StandardOpenOption.READ);
                OutputStream out = exchange.getResponseBody()) {
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
