package io.hfhub.cli;

import io.hfhub.RepoId;
import io.hfhub.RepoType;
import io.hfhub.store.BlobHash;
import io.hfhub.store.BlobName;
import io.hfhub.store.CacheLayout;
import io.hfhub.store.CommitHash;
import io.hfhub.store.RepoCache;
import io.hfhub.store.RepoFilePath;
import io.hfhub.store.Revision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** A small cache tree on disk, laid out as the Python client writes it. Test-only. */
final class CacheTreeFixture {
    final RepoCache repo;

    CacheTreeFixture(Path cacheDir, String repoId) {
        this(cacheDir, "model", repoId);
    }

    CacheTreeFixture(Path cacheDir, String type, String repoId) {
        this.repo = new CacheLayout(cacheDir).repo(RepoType.parse(type), RepoId.of(repoId));
    }

    static String commit(String label) {
        return BlobHash.GIT_SHA1.of(label.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds a file (LFS-named when {@code lfs}) to a snapshot; returns its blob. */
    Path file(String commit, String path, String content, boolean lfs) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        String etag = (lfs ? BlobHash.SHA256 : BlobHash.GIT_SHA1).of(bytes);
        Path blob = repo.blob(BlobName.of(etag));
        Files.createDirectories(blob.getParent());
        Files.write(blob, bytes);
        Path link = repo.snapshotFile(CommitHash.of(commit), RepoFilePath.of(path));
        Files.createDirectories(link.getParent());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Paths.get(RepoCache.relativeBlobTarget(RepoFilePath.of(path), BlobName.of(etag))));
        return blob;
    }

    CacheTreeFixture ref(String name, String commit) throws IOException {
        Files.createDirectories(repo.ref(Revision.of(name)).getParent());
        Files.writeString(repo.ref(Revision.of(name)), commit);
        return this;
    }
}
