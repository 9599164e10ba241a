package io.hfhub.cache;

import io.hfhub.store.TempNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the temporary files and folders (and deletion tombstones) interrupted commands leave in a cache, in
 * the only places hfhub makes them, and decides whether their owner is gone. One owner for both
 * {@link CachePruner} (which removes them) and {@link CacheVerifier} (which reports them).
 */
final class Leftovers {
    /** A temporary name found on disk, with what its name says of its owner. */
    record Leftover(Path path, Optional<TempNames.Owner> owner, Instant modified) {}

    /** What to do with a leftover. */
    enum Verdict { REMOVE, OWNER_ALIVE, RECENT }

    private final String localHostTag;
    private final LongPredicate processAlive;

    Leftovers(String localHost, LongPredicate processAlive) {
        this.localHostTag = TempNames.hostTag(localHost);
        this.processAlive = processAlive;
    }

    /**
     * Judges a leftover: its owner's process gone on this host means abandoned at once (no live process can
     * come back to it); a live owner keeps it; one from another host, or with no owner in its name (older
     * hfhub, other writers), is abandoned once untouched since {@code cutoff} ({@code unownedCutoff} for the
     * latter, whose writer cannot be asked).
     */
    Verdict judge(Leftover leftover, Instant cutoff, Instant unownedCutoff) {
        if (leftover.owner().isPresent()) {
            TempNames.Owner owner = leftover.owner().get();
            if (owner.isLocal(localHostTag)) {
                return owner.isGone(localHostTag, processAlive) ? Verdict.REMOVE : Verdict.OWNER_ALIVE;
            }
            return leftover.modified().isBefore(cutoff) ? Verdict.REMOVE : Verdict.RECENT;
        }
        return leftover.modified().isBefore(unownedCutoff) ? Verdict.REMOVE : Verdict.RECENT;
    }

    /** The deletion tombstones of whole repositories, directly in the cache folder. */
    static List<Leftover> inCacheRoot(Path root) throws IOException {
        return children(root, TempNames::isOurs);
    }

    /**
     * The leftovers of one repository folder: tombstones of snapshots in it; temporaries in {@code blobs/},
     * {@code trees/} and {@code extracted/} (whose children hfhub alone names); temporary refs; temporary links
     * anywhere in {@code snapshots/} (there only hfhub's own pattern: a repository file may be called anything).
     */
    static List<Leftover> inRepo(Path repo) throws IOException {
        List<Leftover> found = new ArrayList<>(children(repo, TempNames::isOurs));
        for (String folder : List.of("blobs", "trees", "extracted")) {
            found.addAll(children(repo.resolve(folder), TempNames::isTemporary));
        }
        found.addAll(tree(repo.resolve("refs"), TempNames::isTemporary));
        found.addAll(tree(repo.resolve("snapshots"), TempNames::isOurs));
        return found;
    }

    private static List<Leftover> children(Path folder, Predicate<String> isTemp) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Leftover> found = new ArrayList<>();
        for (Path child : RepoScanner.sortedChildren(folder)) {
            leftover(child, isTemp).ifPresent(found::add);
        }
        return found;
    }

    private static List<Leftover> tree(Path folder, Predicate<String> isTemp) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
            paths = walk.filter(p -> isTemp.test(p.getFileName().toString())).sorted().collect(Collectors.toList());
        }
        List<Leftover> found = new ArrayList<>();
        for (Path path : paths) {
            leftover(path, isTemp).ifPresent(found::add);
        }
        return found;
    }

    private static Optional<Leftover> leftover(Path path, Predicate<String> isTemp) throws IOException {
        String name = path.getFileName().toString();
        if (!isTemp.test(name) || name.endsWith(".incomplete")) {
            return Optional.empty();
        }
        try {
            Instant modified = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant();
            return Optional.of(new Leftover(path, TempNames.ownerOf(name), modified));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // finished or removed meanwhile
        }
    }
}
