package io.hfhub.cli;

import io.hfhub.cache.CacheInfo;
import io.hfhub.cache.CachedFile;
import io.hfhub.cache.CachedRepo;
import io.hfhub.cache.CachedRevision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of {@code hfhub cache scan --json}: stable keys for scripts, sizes in bytes, times in
 * ISO-8601, paths absolute. Files are listed only with {@code --revisions}, as they can be many.
 */
final class ScanJson {
    private ScanJson() {}

    static Map<String, Object> of(CacheInfo info, boolean withFiles) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cacheDir", info.cacheDir().toString());
        json.put("sizeOnDisk", info.sizeOnDisk());
        List<Object> repos = new ArrayList<>();
        info.repos().forEach(repo -> repos.add(repo(repo, withFiles)));
        json.put("repos", repos);
        List<Object> warnings = new ArrayList<>();
        info.warnings().forEach(w -> warnings.add(Map.of("path", w.path().toString(), "message", w.message())));
        json.put("warnings", warnings);
        List<Object> incomplete = new ArrayList<>();
        info.incompleteFiles().forEach(f -> incomplete.add(Map.of("path", f.path().toString(), "size", f.sizeOnDisk())));
        json.put("incompleteFiles", incomplete);
        json.put("incompleteSizeOnDisk", info.incompleteSizeOnDisk());
        return json;
    }

    private static Map<String, Object> repo(CachedRepo repo, boolean withFiles) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("repoId", repo.repoId());
        json.put("repoType", repo.repoType().id());
        json.put("repoPath", repo.repoPath().toString());
        json.put("sizeOnDisk", repo.sizeOnDisk());
        json.put("nbFiles", repo.nbFiles());
        json.put("lastAccessed", repo.lastAccessed().toString());
        json.put("lastModified", repo.lastModified().toString());
        json.put("refs", repo.refs());
        List<Object> revisions = new ArrayList<>();
        repo.revisions().forEach(r -> revisions.add(revision(r, withFiles)));
        json.put("revisions", revisions);
        return json;
    }

    private static Map<String, Object> revision(CachedRevision revision, boolean withFiles) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("commitHash", revision.commitHash());
        json.put("snapshotPath", revision.snapshotPath().toString());
        json.put("sizeOnDisk", revision.sizeOnDisk());
        json.put("nbFiles", revision.nbFiles());
        json.put("refs", List.copyOf(revision.refs()));
        json.put("lastModified", revision.lastModified().toString());
        if (withFiles) {
            List<Object> files = new ArrayList<>();
            revision.files().forEach(f -> files.add(file(f)));
            json.put("files", files);
        }
        return json;
    }

    private static Map<String, Object> file(CachedFile file) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("fileName", file.fileName());
        json.put("filePath", file.filePath().toString());
        json.put("blobPath", file.blobPath().toString());
        json.put("sizeOnDisk", file.sizeOnDisk());
        return json;
    }
}
