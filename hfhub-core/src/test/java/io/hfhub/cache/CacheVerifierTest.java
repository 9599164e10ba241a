package io.hfhub.cache;

import static io.hfhub.cache.CacheFixture.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.RepoId;
import io.hfhub.RepoType;
import io.hfhub.store.BlobName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheVerifierTest {
    @TempDir
    Path dir;

    private CacheFixture.Repo repo;
    private final String v1 = commit("v1");
    private String lfs;

    @BeforeEach
    void healthyRepo() {
        repo = new CacheFixture(dir).model("acme/tiny");
        repo.file(v1, "config.json", "{}\n");
        lfs = repo.lfsFile(v1, "weights/model.bin", new byte[3 << 20]);
        repo.ref("main", v1);
    }

    @Test
    void cleanCacheHasNoProblems() {
        VerifyReport report = CacheVerifier.verify(dir, Optional.empty());

        assertThat(report.ok()).isTrue();
        assertThat(report.blobsHashed()).isEqualTo(2);
        assertThat(report.filesChecked()).isEqualTo(2);
    }

    @Test
    void flippedByteIsReportedByTheFileThatUsesIt() throws Exception {
        Path blob = repo.paths().blob(BlobName.of(lfs));
        byte[] bytes = Files.readAllBytes(blob);
        bytes[12345] ^= 1;
        Files.write(blob, bytes);

        VerifyReport report = CacheVerifier.verify(dir, Optional.of(new RepoFilter(RepoType.MODEL, RepoId.of("acme/tiny"))));

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.repoId()).isEqualTo("acme/tiny");
            assertThat(p.revision()).isEqualTo(v1);
            assertThat(p.fileName()).isEqualTo("weights/model.bin");
            assertThat(p.reason()).contains("does not match");
        });
    }

    @Test
    void brokenLinkAndDanglingRefAreReported() throws Exception {
        Files.delete(repo.paths().blob(BlobName.of(lfs)));
        repo.ref("refs/pr/2", commit("gone"));

        VerifyReport report = CacheVerifier.verify(dir, Optional.empty());

        assertThat(report.problems()).extracting(VerifyProblem::fileName, VerifyProblem::reason)
                .anySatisfy(t -> assertThat(t.toList()).first().isEqualTo("weights/model.bin"))
                .anySatisfy(t -> assertThat(t.toList()).first().isEqualTo("refs/pr/2"));
        assertThat(report.problems()).hasSize(2);
    }

    @Test
    void linkLeavingTheBlobsFolderIsAProblem() {
        CacheFixture.Repo other = new CacheFixture(dir).model("acme/other");
        String etag = other.file(commit("o"), "x.txt", "x");
        repo.symlink(v1, "stolen.txt", "../../../models--acme--other/blobs/" + etag);

        VerifyReport report = CacheVerifier.verify(dir, Optional.empty());

        assertThat(report.problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("outside the repository's blobs/"));
    }

    @Test
    void aBlobThatIsAFolderIsReportedAndTheOtherBlobsAreStillChecked() throws Exception {
        Path folderBlob = repo.paths().blob(BlobName.of("0".repeat(64))); // sorts before every other blob
        Files.createDirectories(folderBlob.resolve("inside"));
        corrupt(lfs);

        VerifyReport report = CacheVerifier.verify(dir, Optional.empty());

        assertThat(report.problems()).extracting(VerifyProblem::path, VerifyProblem::reason)
                .anySatisfy(t -> {
                    assertThat(t.toList().get(0)).isEqualTo(folderBlob);
                    assertThat((String) t.toList().get(1)).contains("not a regular file");
                })
                .anySatisfy(t -> {
                    assertThat(t.toList().get(0)).isEqualTo(repo.paths().blob(BlobName.of(lfs)));
                    assertThat((String) t.toList().get(1)).contains("does not match");
                });
        assertThat(report.problems()).hasSize(2);
    }

    @Test
    void aBlobThatFailsToReadIsReportedAndTheOtherBlobsAreStillChecked() throws Exception {
        // /proc/self/mem is a regular file whose first bytes fail to read (EIO): an unreadable blob, even as root
        Path mem = Path.of("/proc/self/mem");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(mem));
        Path unreadable = repo.paths().blob(BlobName.of("0".repeat(40)));
        Files.createSymbolicLink(unreadable, mem);
        corrupt(lfs);

        VerifyReport report = CacheVerifier.verify(dir, Optional.empty());

        assertThat(report.problems()).extracting(VerifyProblem::path, VerifyProblem::reason)
                .anySatisfy(t -> {
                    assertThat(t.toList().get(0)).isEqualTo(unreadable);
                    assertThat((String) t.toList().get(1)).contains("cannot read the blob");
                })
                .anySatisfy(t -> {
                    assertThat(t.toList().get(0)).isEqualTo(repo.paths().blob(BlobName.of(lfs)));
                    assertThat((String) t.toList().get(1)).contains("does not match");
                });
        assertThat(report.problems()).hasSize(2);
    }

    private void corrupt(String etag) throws Exception {
        Path blob = repo.paths().blob(BlobName.of(etag));
        byte[] bytes = Files.readAllBytes(blob);
        bytes[0] ^= 1;
        Files.write(blob, bytes);
    }
}
