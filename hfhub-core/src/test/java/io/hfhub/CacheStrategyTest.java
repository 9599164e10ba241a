package io.hfhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.CacheDecision.AskHub;
import io.hfhub.CacheDecision.Download;
import io.hfhub.CacheDecision.Fail;
import io.hfhub.CacheDecision.Failure;
import io.hfhub.CacheDecision.FallBack;
import io.hfhub.CacheDecision.LinkBlob;
import io.hfhub.CacheDecision.Serve;
import io.hfhub.http.FileMetadata;
import io.hfhub.http.RetryAfterTooLongException;
import io.hfhub.store.BlobName;
import io.hfhub.store.CommitHash;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every branch of the cache decision, from plain values: no socket, no disk. */
class CacheStrategyTest {
    private static final Path PINNED = Path.of("/cache/snapshots/pinned/a.txt");
    private static final Path LAST = Path.of("/cache/snapshots/last/a.txt");
    private static final Path CURRENT = Path.of("/cache/snapshots/current/a.txt");
    private static final FileMetadata METADATA = new FileMetadata(CommitHash.of("a".repeat(40)),
            BlobName.of("b".repeat(64)), 5, "https://cdn.example/b");

    private static final DiskFacts NOTHING = DiskFacts.NOTHING;
    private static final DiskFacts PINNED_ON_DISK = DiskFacts.withoutHub(Optional.of(PINNED), Optional.of(PINNED));
    private static final DiskFacts LAST_ON_DISK = DiskFacts.withoutHub(Optional.empty(), Optional.of(LAST));
    private static final DiskFacts CURRENT_ON_DISK = DiskFacts.ofVersion(Optional.of(CURRENT), true);
    private static final DiskFacts BLOB_ON_DISK = DiskFacts.ofVersion(Optional.empty(), true);

    private static CacheDecision decide(DiskFacts disk, HubAnswer answer) {
        return CacheStrategy.decide(false, disk, answer);
    }

    private static CacheDecision forced(DiskFacts disk, HubAnswer answer) {
        return CacheStrategy.decide(true, disk, answer);
    }

    private static HubAnswer failed(Exception cause) {
        return new HubAnswer.Failed(cause);
    }

    private static HfHttpException http(int status) {
        return new HfHttpException("HTTP " + status, status, null, null);
    }

    // --- before asking: only a pinned commit on disk answers

    @Test
    void aPinnedCommitOnDiskIsServedWithNoRequest() {
        assertThat(decide(PINNED_ON_DISK, HubAnswer.NOT_ASKED)).isEqualTo(new Serve(PINNED, null));
    }

    @Test
    void forceDownloadAsksTheHubEvenForAPinnedCommitAndRetries() {
        assertThat(forced(PINNED_ON_DISK, HubAnswer.NOT_ASKED)).isEqualTo(new AskHub(false));
    }

    @Test
    void aBranchAsksTheHubOnceWhenACopyCouldAnswerAFailure() {
        assertThat(decide(LAST_ON_DISK, HubAnswer.NOT_ASKED)).isEqualTo(new AskHub(true));
        assertThat(decide(NOTHING, HubAnswer.NOT_ASKED)).isEqualTo(new AskHub(false));
    }

    // --- with the metadata: serve the version, link its blob, or download it

    @Test
    void theVersionAlreadyInPlaceIsServedAndItsBookkeepingRefreshed() {
        assertThat(decide(CURRENT_ON_DISK, new HubAnswer.Found(METADATA))).isEqualTo(new Serve(CURRENT, METADATA));
    }

    @Test
    void aCachedBlobIsLinkedWithNoTransfer() {
        assertThat(decide(BLOB_ON_DISK, new HubAnswer.Found(METADATA))).isEqualTo(new LinkBlob(METADATA));
    }

    @Test
    void nothingOnDiskIsDownloaded() {
        assertThat(decide(NOTHING, new HubAnswer.Found(METADATA))).isEqualTo(new Download(METADATA));
    }

    @Test
    void forceDownloadDownloadsOverAnyCopy() {
        assertThat(forced(CURRENT_ON_DISK, new HubAnswer.Found(METADATA))).isEqualTo(new Download(METADATA));
        assertThat(forced(BLOB_ON_DISK, new HubAnswer.Found(METADATA))).isEqualTo(new Download(METADATA));
    }

    // --- offline

    @Test
    void offlineTheLastKnownCopyAnswers() {
        assertThat(decide(LAST_ON_DISK, HubAnswer.OFFLINE)).isEqualTo(new FallBack(LAST, CacheStrategy.OFFLINE));
    }

    @Test
    void offlineWithNoCopyIsLocalEntryNotFound() {
        assertThat(decide(NOTHING, HubAnswer.OFFLINE)).isEqualTo(new Fail(Failure.NOT_CACHED, CacheStrategy.OFFLINE, null));
    }

    @Test
    void offlineForceDownloadCannotAnswerFromTheCache() {
        assertThat(forced(LAST_ON_DISK, HubAnswer.OFFLINE)).isEqualTo(new Fail(Failure.FORCED, CacheStrategy.OFFLINE, null));
    }

    // --- the request failed: which errors fall back (the Python client's rules)

    @Test
    void entryNotFoundIsRaisedEvenWithACopyAndMarkedMissing() {
        EntryNotFoundException missing = new EntryNotFoundException("gone", 404, null, null, "c".repeat(40));
        assertThat(decide(LAST_ON_DISK, failed(missing))).isInstanceOfSatisfying(Fail.class, fail -> {
            assertThat(fail.failure()).isEqualTo(Failure.MISSING_ON_HUB);
            assertThat(fail.cause()).isSameAs(missing);
        });
    }

    @Test
    void revisionNotFoundIsRaisedEvenWithACopy() {
        RevisionNotFoundException missing = new RevisionNotFoundException("no branch", 404, null, null);
        assertThat(decide(LAST_ON_DISK, failed(missing))).isInstanceOfSatisfying(Fail.class, fail -> {
            assertThat(fail.failure()).isEqualTo(Failure.HUB_ERROR);
            assertThat(fail.cause()).isSameAs(missing);
        });
    }

    @Test
    void anUnreachableHubFallsBackToTheLastKnownCopy() {
        assertThat(decide(LAST_ON_DISK, failed(new ConnectException("Connection refused"))))
                .isEqualTo(new FallBack(LAST, "the Hub could not be reached (Connection refused)"));
    }

    @Test
    void everyServerStatusFallsBackWhenACopyExists() {
        for (int status : new int[] {401, 403, 408, 429, 500, 503}) {
            assertThat(decide(LAST_ON_DISK, failed(http(status))))
                    .isEqualTo(new FallBack(LAST, "the Hub answered HTTP " + status));
        }
        RepositoryNotFoundException gone = new RepositoryNotFoundException("no repo", 404, null, null);
        assertThat(decide(LAST_ON_DISK, failed(gone))).isInstanceOf(FallBack.class);
    }

    @Test
    void unusableMetadataFallsBackWhenACopyExists() {
        FileMetadataException unusable = new FileMetadataException("lacks X-Repo-Commit");
        assertThat(decide(LAST_ON_DISK, failed(unusable)))
                .isEqualTo(new FallBack(LAST, "the Hub's answer was unusable: lacks X-Repo-Commit"));
        assertThat(decide(LAST_ON_DISK, failed(new ProtocolException("too many redirects"))))
                .isEqualTo(new FallBack(LAST, "the Hub's answer was unusable: too many redirects"));
    }

    @Test
    void anUnavailableHubWithNoCopyIsLocalEntryNotFound() {
        IOException down = new ConnectException("Connection refused");
        assertThat(decide(NOTHING, failed(down)))
                .isEqualTo(new Fail(Failure.NOT_CACHED, "the Hub could not be reached (Connection refused)", down));
        HfHttpException busy = http(503);
        assertThat(decide(NOTHING, failed(busy))).isEqualTo(new Fail(Failure.NOT_CACHED, "the Hub answered HTTP 503", busy));
        IOException wait = new RetryAfterTooLongException(java.time.Duration.ofHours(1), java.time.Duration.ofMinutes(1));
        assertThat(decide(NOTHING, failed(wait))).isInstanceOfSatisfying(Fail.class,
                fail -> assertThat(fail.failure()).isEqualTo(Failure.NOT_CACHED));
    }

    @Test
    void aTypedAnswerWithNoCopyIsRaisedAsItIs() {
        for (HfHubException answer : new HfHubException[] {http(403), http(401),
                new GatedRepoException("gated", 403, null, null), new FileMetadataException("no etag")}) {
            assertThat(decide(NOTHING, failed(answer))).isInstanceOfSatisfying(Fail.class, fail -> {
                assertThat(fail.failure()).isEqualTo(Failure.HUB_ERROR);
                assertThat(fail.cause()).isSameAs(answer);
            });
        }
    }

    @Test
    void forceDownloadNeverFallsBack() {
        HfHttpException busy = http(503);
        assertThat(forced(LAST_ON_DISK, failed(busy))).isEqualTo(new Fail(Failure.FORCED, "the Hub answered HTTP 503", busy));
        HfHttpException denied = http(403);
        assertThat(forced(LAST_ON_DISK, failed(denied))).isEqualTo(new Fail(Failure.HUB_ERROR, "the Hub answered HTTP 403", denied));
    }

    @Test
    void aFailureThatRethrowsNeedsTheHubsTypedError() {
        assertThatThrownBy(() -> new Fail(Failure.HUB_ERROR, "x", new IOException("down")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Fail(Failure.MISSING_ON_HUB, "x", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDecisionCanBeLoggedWholeWithoutItsSignedUrl() {
        FileMetadata signed = new FileMetadata(METADATA.commit(), METADATA.etag(), 5,
                "https://user:pw@cdn.example/b?X-Amz-Signature=s3cr3t&Expires=1");
        assertThat(new Download(signed).toString()).contains("cdn.example/b", METADATA.etag().value())
                .doesNotContain("s3cr3t", "pw@");
    }
}
