package io.hfhub.cache;

import io.hfhub.RepoType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One repository folder of the cache, as Python's {@code CachedRepoInfo}.
 *
 * @param repoId       {@code org/name} (or {@code name})
 * @param repoType     model, dataset or space
 * @param repoPath     {@code {cache}/models--org--name}
 * @param sizeOnDisk   unique blob sizes plus the size of {@code extracted/}: a blob shared by revisions counts once
 * @param nbFiles      the number of unique blobs
 * @param revisions    the cached revisions, sorted by commit hash
 * @param lastAccessed the newest blob access time (the folder's when there is no blob)
 * @param lastModified the newest blob modification time (the folder's when there is no blob)
 */
public record CachedRepo(String repoId, RepoType repoType, Path repoPath, long sizeOnDisk, int nbFiles,
        List<CachedRevision> revisions, Instant lastAccessed, Instant lastModified) {

    /**
     * Creates the record.
     *
     * @param repoId {@code org/name} (or {@code name})
     * @param repoType model, dataset or space
     * @param repoPath {@code {cache}/models--org--name}
     * @param sizeOnDisk unique blob sizes plus the size of {@code extracted/}: a blob shared by revisions counts once
     * @param nbFiles the number of unique blobs
     * @param revisions the cached revisions, sorted by commit hash
     * @param lastAccessed the newest blob access time (the folder's when there is no blob)
     * @param lastModified the newest blob modification time (the folder's when there is no blob)
     */
    public CachedRepo {
        revisions = List.copyOf(revisions);
    }

    /** {@return every ref of the repository mapped to the commit it points to, sorted by ref name} */
    public Map<String, String> refs() {
        Map<String, String> refs = new TreeMap<>();
        for (CachedRevision revision : revisions) {
            for (String ref : revision.refs()) {
                refs.put(ref, revision.commitHash());
            }
        }
        return refs;
    }

    /**
     * The revision with this commit hash, or the one this ref name points to.
     *
     * @param commitOrRef a 40-hex commit hash or a ref name ({@code main}, {@code refs/pr/1})
     * @return the revision, or empty when none matches
     */
    public Optional<CachedRevision> revision(String commitOrRef) {
        String commit = refs().getOrDefault(commitOrRef, commitOrRef);
        return revisions.stream().filter(r -> r.commitHash().equals(commit)).findFirst();
    }
}
