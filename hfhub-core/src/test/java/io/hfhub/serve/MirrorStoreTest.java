package io.hfhub.serve;

import static io.hfhub.cache.CacheFixture.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.RepoId;
import io.hfhub.RepoType;
import io.hfhub.cache.CacheFixture;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store reads to answer: a repo-info listing must not hash every file of a no-symlink snapshot. */
class MirrorStoreTest {
    @TempDir
    Path dir;

    @Test
    void fileNamesOfTheNoSymlinkLayoutNeedNoHashAndEachFileIsHashedOnce() throws IOException {
        CacheFixture cache = new CacheFixture(dir.resolve("cache"));
        String v1 = commit("v1");
        CacheFixture.Repo repo = cache.model("acme/copies");
        repo.realFile(v1, "a.bin", "a");
        repo.realFile(v1, "b/c.bin", "c");
        repo.file(v1, "linked.txt", "blob");
        repo.ref("main", v1);
        MirrorStore store = new MirrorStore(cache.root());
        Snapshot snapshot = store.snapshot(RepoType.MODEL, RepoId.of("acme/copies"), "main");

        assertThat(store.filePaths(snapshot)).containsExactly("a.bin", "b/c.bin", "linked.txt");
        assertThat(store.etagsComputed()).isZero();

        store.list(snapshot, "", true);
        store.list(snapshot, "", true);
        assertThat(store.etagsComputed()).isEqualTo(2);
    }
}
