package io.hfhub;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.testkit.HubServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What an operator sees with hfhub's log at DEBUG: requests, redirects, retries, cache decisions; never a secret. */
class LoggingTest {
    private static final String TOKEN = "hf_LoggedNowhere12345";
    private static final String PASSWORD = "pw-Sup3rSecretMirror";

    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path cache;

    @Test
    void aDownloadLogsEachRequestRedirectAndCacheDecision() throws Exception {
        byte[] weights = bytes(200_000);
        hub.repo("acme/private").lfsFile("model.bin", weights).privateRepo(TOKEN);
        try (LogCapture log = new LogCapture();
                HfHub client = TestHubs.builder(hub.server(), cache).token(TOKEN).build()) {
            client.download("acme/private", "model.bin");
            List<String> first = log.lines();
            String cdn = hub.server().cdnEndpoint();
            assertThat(first).anySatisfy(l -> assertThat(l).startsWith("FINE io.hfhub.http.HttpLogInterceptor: HEAD "
                    + hub.server().endpoint() + "/acme/private/resolve/main/model.bin -> 302 ("));
            assertThat(first).anySatisfy(l -> assertThat(l).contains("RedirectInterceptor: redirect 302 from "
                    + hub.server().endpoint() + "/acme/private/resolve/main/model.bin to " + cdn + "/blobs/")
                    .contains("?<redacted>"));
            assertThat(first).anySatisfy(l -> assertThat(l).contains("HubFileDownload: cache miss: downloading 'model.bin'")
                    .contains("200000 bytes"));
            assertThat(first).anySatisfy(l -> assertThat(l).matches("FINE io.hfhub.http.HttpLogInterceptor: GET "
                    + java.util.regex.Pattern.quote(cdn) + "/blobs/[0-9a-f]{64}\\?<redacted> -> 200 \\(\\d+ ms\\)"));

            log.clear();
            client.download("acme/private", "model.bin");
            assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("HubFileDownload: cache hit: 'model.bin'"));
            assertThat(log.lines()).noneSatisfy(l -> assertThat(l).contains(" GET "));
            assertNoSecret(log.lines(), "");
        }
    }

    @Test
    void retriesAreLoggedWithTheirReasonAndWait() throws Exception {
        hub.repo("acme/flaky").file("a.txt", "a");
        hub.server().faults().on("hub").method("HEAD").times(1).status(503);
        try (LogCapture log = new LogCapture(); HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            client.download("acme/flaky", "a.txt");
            assertThat(log.lines()).anySatisfy(l -> assertThat(l).startsWith("FINE io.hfhub.http.HttpLogInterceptor: HEAD ")
                    .contains("-> 503"));
            assertThat(log.lines()).anySatisfy(l -> assertThat(l).startsWith("FINE io.hfhub.http.RetryInterceptor: retrying HEAD "
                    + hub.server().endpoint() + "/acme/flaky/resolve/main/a.txt in ").contains("ms: attempt 1 of 5 failed (HTTP 503)"));
        }
    }

    @Test
    void fallingBackToTheCacheIsTheOneWarning() throws Exception {
        hub.repo("acme/cached").file("a.txt", "a");
        String endpoint = hub.server().endpoint();
        try (HfHub client = TestHubs.builder(hub.server(), cache).build()) {
            client.download("acme/cached", "a.txt");
        }
        hub.server().close();
        try (LogCapture log = new LogCapture(); HfHub client = TestHubs.builder(endpoint, cache).build()) {
            client.download("acme/cached", "a.txt");
            assertThat(log.lines(Level.WARNING)).singleElement().asString()
                    .startsWith("WARNING io.hfhub.HubFileDownload: using the cached copy of 'a.txt' in model 'acme/cached'")
                    .contains("the Hub could not be reached");
            assertThat(log.lines()).anySatisfy(l -> assertThat(l).contains("HEAD " + endpoint).contains("failed after"));
        }
    }

    /**
     * The secrets a download holds — the token, the endpoint URL's password, the CDN URL's signature — appear in no
     * record, whatever path the download takes: a redirect to a signed URL, a retry, a failure, a snapshot.
     */
    @Test
    void noRecordEverHoldsATokenPasswordOrSignature() throws Exception {
        hub.repo("acme/private").lfsFile("model.bin", bytes(100_000)).file("config.json", "{}").privateRepo(TOKEN);
        hub.repo("acme/public").lfsFile("w.bin", bytes(50_000));
        String withPassword = hub.server().endpoint().replace("://", "://mirror-user:" + PASSWORD + "@");
        hub.server().faults().on("cdn").times(1).status(503);
        hub.server().faults().on("cdn").times(1).cutAfter(10_000);
        try (LogCapture log = new LogCapture()) {
            try (HfHub client = TestHubs.builder(hub.server(), cache).token(TOKEN).build()) {
                client.download("acme/private", "model.bin");
                client.snapshot(SnapshotRequest.builder("acme/private").build());
                try {
                    client.download("acme/private", "missing.bin");
                } catch (EntryNotFoundException expected) {
                    // logged on the way
                }
            }
            try (HfHub client = TestHubs.builder(withPassword, cache.resolve("second")).build()) {
                client.download("acme/public", "w.bin");
            }
            List<String> lines = log.lines();
            assertThat(lines).hasSizeGreaterThan(8);
            assertThat(String.join("\n", lines)).contains("-> 503").contains("redirect 302");
            assertNoSecret(lines, hub.server().cdnEndpoint());
        }
    }

    private static void assertNoSecret(List<String> lines, String cdn) {
        for (String line : lines) {
            assertThat(line).doesNotContain(TOKEN).doesNotContain(PASSWORD).doesNotContain("mirror-user")
                    .doesNotContain("sig=").doesNotContain("expires=").doesNotContainIgnoringCase("authorization")
                    .doesNotContain("Bearer");
            if (!cdn.isEmpty() && line.contains(cdn + "/blobs/")) {
                assertThat(line).contains("?<redacted>");
            }
        }
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}
