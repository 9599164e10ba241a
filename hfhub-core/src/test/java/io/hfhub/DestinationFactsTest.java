package io.hfhub;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.http.FileMetadata;
import io.hfhub.snapshot.LocalDirMetadata;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The disk facts each destination reads for each answer, on a temp folder: no socket. */
class DestinationFactsTest {
    private static final CommitHash COMMIT = CommitHash.of("a".repeat(40));
    private static final CommitHash OTHER = CommitHash.of("c".repeat(40));
    private static final RepoFilePath PATH = RepoFilePath.of("sub/w.bin");
    private static final byte[] BYTES = "weights".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private HubRuntime hub;
    private RepoCache repo;
    private BlobName etag;

    @BeforeEach
    void setUp() throws NoSuchAlgorithmException {
        hub = TestHubs.builder("http://127.0.0.1:9", tmp.resolve("cache")).build().runtime();
        repo = new CacheLayout(tmp.resolve("cache")).repo(RepoType.MODEL, RepoId.of("acme/m"));
        etag = BlobName.of(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(BYTES)));
    }

    private FileMetadata metadata(CommitHash commit) {
        return new FileMetadata(commit, etag, BYTES.length, "https://cdn.example/x");
    }

    private CacheDestination cache(String revision) {
        return new CacheDestination(hub, repo, PATH, Revision.of(revision));
    }

    private LocalDirDestination localDir(String revision) {
        return new LocalDirDestination(hub, tmp.resolve("local"), repo, PATH, Revision.of(revision));
    }

    /** blobs/<etag> and snapshots/<commit>/sub/w.bin linking to it, with refs/main naming the commit. */
    private Path cached(CommitHash commit) throws IOException {
        Files.createDirectories(repo.blobs());
        Files.write(repo.blob(etag), BYTES);
        Path pointer = repo.snapshotFile(commit, PATH);
        Files.createDirectories(pointer.getParent());
        Files.createSymbolicLink(pointer, Path.of(RepoCache.relativeBlobTarget(PATH, etag)));
        Files.createDirectories(repo.refs());
        Files.writeString(repo.ref(Revision.of("main")), commit.value());
        return pointer;
    }

    @Test
    void anEmptyCacheHoldsNothing() {
        assertThat(cache("main").facts(HubAnswer.NOT_ASKED)).isEqualTo(DiskFacts.NOTHING);
        assertThat(cache(COMMIT.value()).facts(HubAnswer.NOT_ASKED)).isEqualTo(DiskFacts.NOTHING);
        assertThat(cache("main").facts(new HubAnswer.Found(metadata(COMMIT)))).isEqualTo(DiskFacts.NOTHING);
    }

    @Test
    void theCacheFindsThePinnedCopyTheRefsCopyAndTheBlob() throws IOException {
        Path pointer = cached(COMMIT);
        assertThat(cache(COMMIT.value()).facts(HubAnswer.NOT_ASKED))
                .isEqualTo(DiskFacts.withoutHub(Optional.of(pointer), Optional.of(pointer)));
        assertThat(cache("main").facts(HubAnswer.NOT_ASKED))
                .isEqualTo(DiskFacts.withoutHub(Optional.empty(), Optional.of(pointer)));
        assertThat(cache("main").facts(HubAnswer.OFFLINE)).isEqualTo(DiskFacts.withoutHub(Optional.empty(), Optional.of(pointer)));
        assertThat(cache("main").facts(new HubAnswer.Found(metadata(COMMIT))))
                .isEqualTo(DiskFacts.ofVersion(Optional.of(pointer), true));
        assertThat(cache("main").facts(new HubAnswer.Found(metadata(OTHER)))) // a new commit: the blob can be linked
                .isEqualTo(DiskFacts.ofVersion(Optional.empty(), true));
        assertThat(cache("main").holds(metadata(COMMIT))).isTrue();
        assertThat(cache("main").holds(metadata(OTHER))).isFalse();
    }

    @Test
    void aDanglingLinkOrAFolderIsNoCopy() throws IOException {
        Path pointer = cached(COMMIT);
        Files.delete(repo.blob(etag));
        assertThat(cache(COMMIT.value()).facts(HubAnswer.NOT_ASKED)).isEqualTo(DiskFacts.NOTHING);
        Files.delete(pointer);
        Files.createDirectories(pointer);
        assertThat(cache("main").facts(new HubAnswer.Found(metadata(COMMIT)))).isEqualTo(DiskFacts.NOTHING);
    }

    @Test
    void aLocalDirPinsOnlyAFileWhoseMetadataNamesTheCommit() throws IOException {
        Path file = tmp.resolve("local/sub/w.bin");
        assertThat(localDir(COMMIT.value()).facts(HubAnswer.NOT_ASKED)).isEqualTo(DiskFacts.NOTHING);
        Files.createDirectories(file.getParent());
        Files.write(file, BYTES); // copied in by hand: no metadata
        assertThat(localDir(COMMIT.value()).facts(HubAnswer.NOT_ASKED))
                .isEqualTo(DiskFacts.withoutHub(Optional.empty(), Optional.of(file)));
        new LocalDirMetadata(Clock.systemUTC()).write(tmp.resolve("local"), PATH.value(), COMMIT, etag);
        assertThat(localDir(COMMIT.value()).facts(HubAnswer.NOT_ASKED))
                .isEqualTo(DiskFacts.withoutHub(Optional.of(file), Optional.of(file)));
        assertThat(localDir(OTHER.value()).facts(HubAnswer.NOT_ASKED))
                .isEqualTo(DiskFacts.withoutHub(Optional.empty(), Optional.of(file)));
    }

    @Test
    void aLocalDirFileIsCurrentByItsMetadataOrByItsHashAndTheCacheIsACopySource() throws IOException {
        Path file = tmp.resolve("local/sub/w.bin");
        Files.createDirectories(file.getParent());
        Files.write(file, BYTES); // no metadata, but an LFS etag: hashing adopts it
        assertThat(localDir("main").facts(new HubAnswer.Found(metadata(COMMIT))))
                .isEqualTo(DiskFacts.ofVersion(Optional.of(file), false));
        assertThat(localDir("main").holds(metadata(COMMIT))).isFalse(); // the cheap check hashes nothing
        Files.write(file, "edited".getBytes(StandardCharsets.UTF_8));
        cached(COMMIT);
        assertThat(localDir("main").facts(new HubAnswer.Found(metadata(COMMIT))))
                .isEqualTo(DiskFacts.ofVersion(Optional.empty(), true));
    }
}
