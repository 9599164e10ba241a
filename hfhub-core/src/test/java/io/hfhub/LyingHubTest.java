package io.hfhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.testkit.HubServerExtension;
import io.hfhub.testkit.RepoBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Hub that lies, one lie per case (the findings of the hostile test of 2026-11-29, and more). Every case asserts
 * the same three things: the call fails with a typed exception (or an argument error at the call site), nothing
 * outside the cache or destination was created or changed (a sentinel folder and the test root are compared
 * before and after), and no secret or control character reaches the message.
 */
class LyingHubTest {
    private static final String TOKEN = "s3cret-tok3n-value";

    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path root;

    private Path cache;
    private Path sentinel;
    private Map<String, String> before;

    @BeforeEach
    void sentinel() throws IOException {
        cache = root.resolve("cache");
        sentinel = Files.createDirectories(root.resolve("sentinel"));
        Files.writeString(sentinel.resolve("victim.txt"), "original");
        Files.writeString(root.resolve("secret.txt"), "the local secret");
        before = outsideCache();
    }

    private HfHub client() {
        return TestHubs.builder(hub.server(), cache).build();
    }

    /** Every file under the test root except the cache and the local folders: path → content. */
    private Map<String, String> outsideCache() {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(p -> !p.startsWith(cache) && !p.startsWith(root.resolve("local")) && !p.equals(root))
                    .forEach(p -> files.put(root.relativize(p).toString(), read(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String read(Path p) {
        try {
            return Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? "<dir>"
                    : Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p) : Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertNothingOutsideChanged() {
        assertThat(outsideCache()).isEqualTo(before);
    }

    /** Every file of the cache (and local folders), as text, for secret scanning. */
    private String everythingWritten() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                all.append(p).append('\n').append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    private static void assertClean(Throwable e, String... secrets) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            for (String secret : secrets) {
                assertThat(message).doesNotContain(secret);
            }
            assertThat(message.chars().noneMatch(c -> c < 0x20 || c == 0x7f)).as("control character in: %s", message)
                    .isTrue();
        }
    }

    private static String listing(String oid, String lfsOid, String path, long size) {
        String lfs = lfsOid == null ? "" : ",\"lfs\":{\"oid\":" + json(lfsOid) + ",\"size\":" + size + ",\"pointerSize\":134}";
        return "[{\"type\":\"file\",\"oid\":" + json(oid) + ",\"size\":" + size + ",\"path\":" + json(path) + lfs + "}]";
    }

    private static String json(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private void lyingTree(String body) {
        hub.faults().on("hub").path("/tree/").always().body(body);
    }

    // --- 1. A tree listing's oid becomes the blob name: it must be a hash, never a path.

    @Test
    void treeOidThatIsAnAbsolutePathWritesNothingAnywhere() {
        hub.repo("evil/repo").file("a.txt", "hello");
        lyingTree(listing(sentinel.resolve("pwned").toString(), null, "a.txt", 5));
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.snapshot(SnapshotRequest.builder("evil/repo").build()))
                    .isInstanceOf(FileMetadataException.class).hasMessageContaining("tree entry #0")
                    .satisfies(e -> assertClean(e));
        }
        assertNothingOutsideChanged();
        assertThat(cache.resolve("models--evil--repo/blobs")).doesNotExist();
    }

    @Test
    void forcedDownloadCannotOverwriteAFileNamedByTheListing() {
        hub.repo("evil/repo").file("a.txt", "hello");
        lyingTree(listing(sentinel.resolve("victim.txt").toString(), null, "a.txt", 5));
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.snapshot(SnapshotRequest.builder("evil/repo").forceDownload(true).build()))
                    .isInstanceOf(FileMetadataException.class);
        }
        assertNothingOutsideChanged();
    }

    @Test
    void lfsOidWithDotDotCannotLeaveBlobsEvenOnceTheyExist() {
        RepoBuilder repo = hub.repo("evil/repo").file("first.txt", "first").lfsFile("model.bin", bytes(1000));
        try (HfHub client = client()) {
            client.download("evil/repo", "first.txt"); // blobs/ now exists
            lyingTree(listing("1".repeat(40), "../../../sentinel/pwned", "model.bin", 1000));
            assertThatThrownBy(() -> client.snapshot(SnapshotRequest.builder("evil/repo").revision(repo.commit()).build()))
                    .isInstanceOf(FileMetadataException.class).hasMessageContaining("'oid'");
        }
        assertNothingOutsideChanged();
    }

    @Test
    void localDirCannotBeFedALocalFileOutsideTheCache() {
        hub.repo("evil/repo").file("a.txt", "hello");
        lyingTree(listing(root.resolve("secret.txt").toString(), null, "a.txt", 16));
        Path local = root.resolve("local");
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.snapshot(SnapshotRequest.builder("evil/repo").localDir(local).build()))
                    .isInstanceOf(FileMetadataException.class);
        }
        assertThat(local.resolve("a.txt")).doesNotExist();
        assertNothingOutsideChanged();
    }

    @Test
    void everyListedBlobIsHashChecked() throws IOException {
        hub.repo("evil/repo").file("a.txt", "hello");
        String wrong = "ab".repeat(20); // a well-formed git sha1 that is not the content's
        lyingTree(listing(wrong, null, "a.txt", 5));
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.snapshot(SnapshotRequest.builder("evil/repo").build()))
                    .isInstanceOf(ChecksumMismatchException.class);
        }
        assertThat(cache.resolve("models--evil--repo/blobs/" + wrong)).doesNotExist();
        assertNothingOutsideChanged();
    }

    @Test
    @Timeout(60) // a lying size once made the transfer retry forever: fail, never hang
    void listedSizeThatLiesIsRefusedWithoutPublishing() throws IOException {
        hub.repo("evil/repo").file("a.txt", "hello");
        lyingTree(listing("b6ded5f340daa14ef0b286ae424ea6eef34544b1", null, "a.txt", 50));
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.snapshot(SnapshotRequest.builder("evil/repo").build()))
                    .isInstanceOf(HfHubException.class);
        }
        try (Stream<Path> blobs = Files.list(cache.resolve("models--evil--repo/blobs"))) {
            assertThat(blobs.filter(p -> !p.getFileName().toString().endsWith(".incomplete")
                    && !p.getFileName().toString().endsWith(".json"))).isEmpty();
        }
        assertNothingOutsideChanged();
    }

    @Test
    void entriesThatCollideAsFileAndFolderFailBeforeAnythingIsWritten() {
        hub.repo("evil/repo").file("a", "x").file("b/c", "y");
        lyingTree("[" + listing("1".repeat(40), null, "a", 1).replace("[", "").replace("]", "") + ","
                + listing("2".repeat(40), null, "a/b", 1).replace("[", "").replace("]", "") + "]");
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.snapshot(SnapshotRequest.builder("evil/repo").build()))
                    .isInstanceOf(FileMetadataException.class).hasMessageContaining("both as a file and as the folder");
        }
        assertThat(cache.resolve("models--evil--repo/snapshots")).doesNotExist();
        assertNothingOutsideChanged();
    }

    @Test
    void duplicatePathsFailBeforeAnythingIsWritten() {
        hub.repo("evil/repo").file("a", "x");
        String entry = listing("1".repeat(40), null, "a", 1).replace("[", "").replace("]", "");
        lyingTree("[" + entry + "," + entry + "]");
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.snapshot(SnapshotRequest.builder("evil/repo").build()))
                    .isInstanceOf(FileMetadataException.class).hasMessageContaining("listed twice");
        }
        assertThat(cache.resolve("models--evil--repo/snapshots")).doesNotExist();
    }

    @Test
    void listedPathWithTerminalEscapesIsRefusedAndNotEchoedRaw() {
        hub.repo("evil/repo").file("a.txt", "hello");
        lyingTree(listing("1".repeat(40), null, "\u001b]0;pwned\u0007a.txt", 5));
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.snapshot(SnapshotRequest.builder("evil/repo").build()))
                    .isInstanceOf(FileMetadataException.class).satisfies(e -> assertClean(e));
        }
        assertNothingOutsideChanged();
    }

    // --- 2. A revision names a ref file: '../' must not get anywhere, even when a proxy answers any revision.

    @Test
    void revisionWithDotDotIsRefusedBeforeAnyRequest() {
        hub.repo("evil/repo").file("a.txt", "hello");
        hub.faults().on("hub").always().servePathOf("..%2F..%2F..%2Fx", "main"); // a proxy that answers anything
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.download(FileRequest.builder("evil/repo", "a.txt")
                    .revision("../../../x").build())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid revision");
            assertThatThrownBy(() -> client.snapshot(SnapshotRequest.builder("evil/repo")
                    .revision("../../../x").build())).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(hub.requests()).isEmpty();
        assertThat(root.resolve("x")).doesNotExist();
        assertNothingOutsideChanged();
    }

    // --- 3. Server text that echoes the token is redacted.

    @Test
    void tokenEchoedInAnErrorHeaderIsRedacted() {
        hub.repo("evil/repo").file("a.txt", "hello");
        hub.faults().on("hub").status(403).errorMessage("denied for Bearer " + TOKEN + " and hf_AbCdEfGhIjKlMnOp");
        try (HfHub client = TestHubs.builder(hub.server(), cache).token(TOKEN).build()) {
            assertThatThrownBy(() -> client.download("evil/repo", "a.txt")).isInstanceOf(HfHttpException.class)
                    .satisfies(e -> assertClean(e, TOKEN, "hf_AbCdEfGhIjKlMnOp"))
                    .satisfies(e -> assertThat(((HfHttpException) e).serverMessage()).doesNotContain(TOKEN));
        }
    }

    @Test
    void tokenEchoedInAJsonErrorBodyIsRedacted() {
        hub.repo("evil/repo").file("a.txt", "hello");
        hub.faults().on("hub").method("GET").path("/revision/").status(403).errorMessage("token " + TOKEN + " is not allowed");
        hub.faults().on("hub").path("/revision/").header("X-Error-Message", null); // only the JSON body says it
        try (HfHub client = TestHubs.builder(hub.server(), cache).token(TOKEN).build()) {
            assertThatThrownBy(() -> client.snapshot(SnapshotRequest.builder("evil/repo").build()))
                    .isInstanceOf(HfHttpException.class).satisfies(e -> assertClean(e, TOKEN))
                    .hasMessageContaining("is not allowed");
        }
    }

    // --- 4. The commit and the etag become folder and file names: only hashes are accepted.

    @Test
    void commitOfDotIsRefusedAndNothingIsLinked() {
        hub.repo("evil/repo").file("a.txt", "hello");
        hub.faults().on("hub").method("HEAD").header("X-Repo-Commit", ".");
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.download("evil/repo", "a.txt")).isInstanceOf(FileMetadataException.class)
                    .hasMessageContaining("X-Repo-Commit");
        }
        assertThat(cache.resolve("models--evil--repo/snapshots")).doesNotExist();
        assertThat(cache.resolve("models--evil--repo/refs")).doesNotExist();
        assertNothingOutsideChanged();
    }

    @Test
    void etagOfDotOrAPathIsRefused() {
        hub.repo("evil/repo").file("a.txt", "hello");
        try (HfHub client = client()) {
            for (String etag : List.of(".", "\"../../x\"", "\"" + sentinel.resolve("victim.txt") + "\"", "W/\"abc\"")) {
                hub.faults().on("hub").method("HEAD").header("ETag", etag);
                assertThatThrownBy(() -> client.download("evil/repo", "a.txt")).as(etag)
                        .isInstanceOf(FileMetadataException.class).hasMessageContaining("ETag");
            }
        }
        assertThat(cache.resolve("models--evil--repo/blobs")).doesNotExist();
        assertNothingOutsideChanged();
    }

    @Test
    void commitInTheRevisionApiMustBeAHash() {
        hub.repo("evil/repo").file("a.txt", "hello");
        hub.faults().on("hub").path("/revision/").always().body("{\"sha\": \"../../x\", \"siblings\": []}");
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.snapshot(SnapshotRequest.builder("evil/repo").build()))
                    .isInstanceOf(FileMetadataException.class);
        }
        assertNothingOutsideChanged();
    }

    // --- 5. A password in the endpoint is used for Basic auth to the endpoint only and never persisted.

    @Test
    void endpointPasswordIsNeverWrittenNorSentToTheCdn() throws IOException {
        byte[] weights = bytes(9 * 1024 * 1024); // resumable: a state file is written beside the partial file
        hub.repo("evil/repo").lfsFile("model.bin", weights);
        hub.faults().on("cdn").times(20).cutAfter(100_000);
        String endpoint = hub.endpoint().replace("://", "://alice:p4ssw0rd-xyz@");
        try (HfHub client = TestHubs.builder(endpoint, cache).maxAttempts(1).parallelRanges(1).build()) {
            assertThatThrownBy(() -> client.download("evil/repo", "model.bin"))
                    .isInstanceOf(HfHubException.class).satisfies(e -> assertClean(e, "p4ssw0rd-xyz"));
        }
        assertThat(everythingWritten()).contains(".incomplete.json").doesNotContain("p4ssw0rd-xyz").doesNotContain("alice");
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("alice:p4ssw0rd-xyz".getBytes(StandardCharsets.UTF_8));
        assertThat(hub.requests("hub")).isNotEmpty().allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo(basic));
        assertThat(hub.requests("cdn")).isNotEmpty().allSatisfy(r -> assertThat(r.header("Authorization")).isNull());
    }

    // --- 6. Terminal escape codes from the server never reach a message raw.

    @Test
    void escapeCodesInAServerMessageAreEscaped() {
        hub.repo("evil/repo").file("a.txt", "hello");
        hub.faults().on("hub").method("HEAD").status(404).errorCode("EntryNotFound")
                .errorMessage("gone\u001b[2J\u001b]0;owned\u0007 fake line");
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.download("evil/repo", "a.txt")).isInstanceOf(EntryNotFoundException.class)
                    .satisfies(e -> assertClean(e));
        }
        // a JSON body carries the bytes intact (a header value may be mangled on the way)
        hub.faults().on("hub").path("/revision/").status(404).errorCode("RevisionNotFound")
                .errorMessage("gone\u001b[2J\u001b]0;owned\u0007\r\nfake line");
        hub.faults().on("hub").path("/revision/").header("X-Error-Message", null);
        try (HfHub client = client()) {
            assertThatThrownBy(() -> client.snapshot(SnapshotRequest.builder("evil/repo").build()))
                    .isInstanceOf(RevisionNotFoundException.class).satisfies(e -> assertClean(e))
                    .hasMessageContaining("gone\\e[2J\\e]0;owned\\x07");
        }
    }

    // --- 8. An empty cache folder is refused rather than meaning "the current folder".

    @Test
    void emptyCacheDirIsRefused() {
        assertThatThrownBy(() -> HfHub.builder().cacheDir(Path.of(""))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty cache folder");
    }

    @Test
    void endpointMustBeAnHttpUrl() {
        for (String bad : List.of("huggingface.co", "file:///etc", "ftp://host", "http://", "https://h/x?q=1")) {
            assertThatThrownBy(() -> HfHub.builder().endpoint(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("invalid endpoint");
        }
        assertThatThrownBy(() -> HfHub.builder().endpoint("ftp://u:hunter2pass@h")).satisfies(e -> assertClean(e, "hunter2pass"));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

}
