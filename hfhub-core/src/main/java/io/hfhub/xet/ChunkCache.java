package io.hfhub.xet;

import io.hfhub.store.Folders;
import io.hfhub.store.TempNames;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Xorb ranges already fetched, kept as they came over the wire (serialized chunks), so a file that shares chunks
 * with one downloaded before (a new revision of a large file) fetches only what changed. One file per range,
 * {@code <dir>/<xorb hash>/<first chunk>-<end chunk>}, written as temp file + rename, so a reader never sees half a
 * range. Bounded: after each addition the least recently used ranges go until the total fits
 * {@code maxBytes}. The contents are untrusted like the network's: they are decoded with the same checks, and the
 * file they rebuild is verified by sha256 before it is published.
 */
final class ChunkCache {
    private static final System.Logger LOG = System.getLogger(ChunkCache.class.getName());

    private final Path dir;
    private final long maxBytes;
    private final java.time.Clock clock;

    /** One cached range: chunks {@code [start, end)} of a xorb, serialized. */
    record Range(int start, int end, byte[] data) {}

    ChunkCache(Path dir, long maxBytes, java.time.Clock clock) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** A cache that keeps nothing. */
    static ChunkCache disabled() {
        return new ChunkCache(null, 0, java.time.Clock.systemUTC());
    }

    boolean enabled() {
        return dir != null && maxBytes > 0;
    }

    /** A cached range of {@code xorb} holding chunks {@code [start, end)}, if any; a hit counts as a use. */
    Optional<Range> find(String xorb, int start, int end) {
        if (!enabled()) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.resolve(xorb))) {
            for (Path entry : entries) {
                int[] range = parseName(entry.getFileName().toString());
                if (range != null && range[0] <= start && end <= range[1]) {
                    byte[] data = Files.readAllBytes(entry);
                    Files.setLastModifiedTime(entry, FileTime.fromMillis(clock.millis()));
                    return Optional.of(new Range(range[0], range[1], data));
                }
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "chunk cache unreadable, fetching instead", e);
        }
        return Optional.empty();
    }

    /** Whether a cached range holds chunks {@code [start, end)} of {@code xorb}; reads names only. */
    boolean covers(String xorb, int start, int end) {
        if (!enabled()) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.resolve(xorb))) {
            for (Path entry : entries) {
                int[] range = parseName(entry.getFileName().toString());
                if (range != null && range[0] <= start && end <= range[1]) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Keeps chunks {@code [start, end)} of {@code xorb}; best effort (a full disk only costs a later fetch). */
    void put(String xorb, int start, int end, byte[] data) {
        if (!enabled() || data.length > maxBytes) {
            return;
        }
        Path folder = dir.resolve(xorb);
        Path tmp = TempNames.in(folder, "chunk"); // ends in .tmp, as the sweep in evict() expects
        try {
            Folders.ensure(folder);
            Files.write(tmp, data);
            Files.move(tmp, folder.resolve(start + "-" + end), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            evict();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not keep a xorb range in the chunk cache", e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a stray temp file is ignored by find() and removed by the next eviction
            }
        }
    }

    /** Drops a range that failed to decode or to rebuild a verified file. */
    void remove(String xorb, int start, int end) {
        if (enabled()) {
            try {
                Files.deleteIfExists(dir.resolve(xorb).resolve(start + "-" + end));
            } catch (IOException ignored) {
                // eviction removes it later
            }
        }
    }

    /** Least recently used first, until the total fits; also sweeps temp files left by a crash. */
    private void evict() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, 2)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        long total = 0;
        List<Path> ranges = new ArrayList<>();
        for (Path f : files) {
            if (f.getFileName().toString().endsWith(".tmp")) {
                if (clock.millis() - Files.getLastModifiedTime(f).toMillis() > 3_600_000L) {
                    Files.deleteIfExists(f);
                }
                continue;
            }
            total += Files.size(f);
            ranges.add(f);
        }
        ranges.sort(Comparator.comparingLong(ChunkCache::lastUsed));
        for (Path f : ranges) {
            if (total <= maxBytes) {
                break;
            }
            long size = Files.size(f);
            Files.deleteIfExists(f);
            total -= size;
        }
    }

    private static long lastUsed(Path f) {
        try {
            return Files.getLastModifiedTime(f).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static int[] parseName(String name) {
        int dash = name.indexOf('-');
        if (dash <= 0 || !name.matches("\\d{1,9}-\\d{1,9}")) {
            return null;
        }
        int start = Integer.parseInt(name.substring(0, dash));
        int end = Integer.parseInt(name.substring(dash + 1));
        return start < end ? new int[] {start, end} : null;
    }
}
