package io.hfhub.cache;

import io.hfhub.store.BlobName;
import io.hfhub.store.ExtractionRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Plans the deletion of cached revisions with the rules of Python's {@code delete_revisions}: selecting every
 * revision of a repository removes the whole repository folder; otherwise each selected revision loses its
 * snapshot folder, its refs, and the blobs no remaining revision links to. Blobs shared with a kept
 * revision stay. Pure planning over a {@link CacheInfo}: see {@link DeletePlan#execute()}.
 */
public final class CacheDeleter {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private CacheDeleter() {}

    /**
     * Plans the deletion of these commit hashes, wherever they are cached; unknown hashes become warnings.
     */
    public static DeletePlan deleteRevisions(CacheInfo info, Collection<String> commitHashes) {
        Set<String> wanted = new LinkedHashSet<>(commitHashes);
        Map<CachedRepo, List<CachedRevision>> selected = new LinkedHashMap<>();
        Set<String> found = new HashSet<>();
        for (CachedRepo repo : info.repos()) {
            for (CachedRevision revision : repo.revisions()) {
                if (wanted.contains(revision.commitHash())) {
                    selected.computeIfAbsent(repo, r -> new ArrayList<>()).add(revision);
                    found.add(revision.commitHash());
                }
            }
        }
        List<String> warnings = new ArrayList<>();
        for (String hash : wanted) {
            if (!found.contains(hash)) {
                warnings.add("Revision not found - cannot delete it: " + hash);
            }
        }
        Builder plan = new Builder();
        selected.forEach(plan::add);
        return plan.build(warnings);
    }

    /**
     * Plans the deletion of revisions of one repository, each given as a commit hash or a ref name
     * ({@code main}, {@code refs/pr/1}); an empty collection means the whole repository.
     */
    public static DeletePlan deleteFromRepo(CachedRepo repo, Collection<String> commitsOrRefs) {
        List<CachedRevision> revisions = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (commitsOrRefs.isEmpty()) {
            revisions.addAll(repo.revisions());
        }
        for (String rev : new LinkedHashSet<>(commitsOrRefs)) {
            repo.revision(rev).ifPresentOrElse(r -> {
                if (!revisions.contains(r)) {
                    revisions.add(r);
                }
            }, () -> warnings.add("Revision not found in " + repo.repoId() + " - cannot delete it: " + rev));
        }
        Builder plan = new Builder();
        if (commitsOrRefs.isEmpty()) {
            plan.addWholeRepo(repo); // also a repo whose snapshots/ is empty
        } else if (!revisions.isEmpty()) {
            plan.add(repo, revisions);
        }
        return plan.build(warnings);
    }

    /** Accumulates the sets of a plan, repository by repository. */
    private static final class Builder {
        private final Set<Path> repos = new HashSet<>();
        private final Set<Path> snapshots = new HashSet<>();
        private final Set<Path> refs = new HashSet<>();
        private final Set<Path> blobs = new HashSet<>();
        /** Real files of the no-symlink layout: removed with their snapshot folder, counted once here. */
        private final Set<Path> snapshotFiles = new HashSet<>();
        private long freed;

        void add(CachedRepo repo, List<CachedRevision> toDelete) {
            List<CachedRevision> kept = new ArrayList<>(repo.revisions());
            kept.removeAll(toDelete);
            if (kept.isEmpty()) {
                addWholeRepo(repo);
                return;
            }
            Set<Path> keptBlobs = new HashSet<>();
            kept.forEach(r -> r.files().forEach(f -> keptBlobs.add(f.blobPath())));
            for (CachedRevision revision : toDelete) {
                snapshots.add(revision.snapshotPath());
                revision.refs().forEach(ref -> refs.add(repo.repoPath().resolve("refs").resolve(ref)));
                for (CachedFile file : revision.files()) {
                    addBlobIfOrphan(repo, revision, file, keptBlobs);
                }
            }
        }

        void addWholeRepo(CachedRepo repo) {
            repos.add(repo.repoPath());
            freed += repo.sizeOnDisk();
        }

        private void addBlobIfOrphan(CachedRepo repo, CachedRevision revision, CachedFile file, Set<Path> keptBlobs) {
            Path blob = file.blobPath();
            if (keptBlobs.contains(blob) || blobs.contains(blob) || snapshotFiles.contains(blob)) {
                return;
            }
            if (blob.startsWith(revision.snapshotPath().toAbsolutePath())
                    || blob.startsWith(realOrSelf(revision.snapshotPath()))) {
                // No-symlink layout: the "blob" is a real file inside the snapshot, removed with it.
                freed += file.sizeOnDisk();
                snapshotFiles.add(blob);
                return;
            }
            if (!isBlobOf(repo, blob)) {
                // The cache folder is untrusted: a snapshot link leading anywhere else than this repo's blobs/
                // (an absolute link to a user's file, say) is removed with its snapshot, never followed to delete.
                return;
            }
            freed += file.sizeOnDisk();
            blobs.add(blob);
            String name = blob.getFileName().toString();
            if (SHA256.matcher(name).matches()) {
                planExtracted(repo.repoPath().resolve("extracted"), name);
            }
        }

        /** Whether {@code blob} (a real path) is a file named by a hash directly in the repo's own {@code blobs/}. */
        private static boolean isBlobOf(CachedRepo repo, Path blob) {
            Path parent = blob.getParent();
            return parent != null && parent.equals(realOrSelf(repo.repoPath().resolve("blobs")))
                    && BlobName.parse(blob.getFileName().toString()).isPresent();
        }

        /**
         * hfhub extracts an archive into {@code extracted/<hash8>/}, its full sha256 recorded in
         * {@code extracted/<hash8>.sha256} (or, when another archive already has those 8 hex digits, into
         * {@code extracted/<hash16>/}): useless once the blob is gone. A {@code <hash8>} folder recorded for
         * another blob stays.
         */
        private void planExtracted(Path extractedRoot, String sha256) {
            Path folder8 = extractedRoot.resolve(sha256.substring(0, 8));
            Path record = ExtractionRecord.pathFor(folder8);
            boolean ours;
            try {
                ours = ExtractionRecord.read(folder8).map(r -> r.sha256().equals(sha256)).orElse(true);
            } catch (IOException | RuntimeException unreadable) {
                ours = false;
            }
            List<Path> candidates = new ArrayList<>(List.of(extractedRoot.resolve(sha256.substring(0, 16))));
            candidates.add(ExtractionRecord.pathFor(candidates.get(0)));
            if (ours) {
                candidates.add(folder8);
                candidates.add(record);
            }
            for (Path extracted : candidates) {
                if (Files.exists(extracted, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    blobs.add(extracted);
                    freed += DiskUsage.of(extracted);
                }
            }
        }

        DeletePlan build(List<String> warnings) {
            return new DeletePlan(repos, snapshots, refs, blobs, freed, warnings);
        }

        private static Path realOrSelf(Path path) {
            try {
                return path.toRealPath();
            } catch (java.io.IOException e) {
                return path;
            }
        }
    }
}
