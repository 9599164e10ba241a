package io.hfhub.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether relative symlinks can be made in a cache folder, checked once per folder by making one (as the
 * Python client does); Windows without developer mode and some network shares cannot.
 */
public final class SymlinkSupport {
    private final Map<Path, Boolean> checked = new ConcurrentHashMap<>();

    public boolean supported(Path folder) {
        return checked.computeIfAbsent(folder, SymlinkSupport::probe);
    }

    private static boolean probe(Path folder) {
        try {
            Files.createDirectories(folder);
            // a temporary name of ours (cache prune removes it after a kill -9), not createTempDirectory, whose
            // SecureRandom initialises the security providers: measurable in a short CLI run
            Path dir = Files.createDirectory(TempNames.in(folder, "symlink-probe"));
            try {
                Path target = Files.createFile(dir.resolve("target"));
                Path link = Files.createSymbolicLink(dir.resolve("link"), target.getFileName());
                Files.delete(link);
                Files.delete(target);
                return true;
            } finally {
                Files.deleteIfExists(dir);
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
