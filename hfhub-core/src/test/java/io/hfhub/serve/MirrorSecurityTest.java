package io.hfhub.serve;

import static io.hfhub.cache.CacheFixture.commit;
import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.cache.CacheFixture;
import io.hfhub.cache.MirrorServer;
import io.hfhub.store.CommitHash;
import io.hfhub.store.RepoFilePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way out of the cache must answer 4xx without content. Requests go over a raw socket so that no
 * client library normalises the path before the server sees it.
 */
class MirrorSecurityTest {
    private static final String SECRET = "TOP-SECRET-CONTENT";

    @TempDir
    Path dir;

    MirrorServer server;
    CacheFixture.Repo repo;
    final String v1 = commit("v1");

    @BeforeEach
    void serveACacheWithASecretBesideIt() throws IOException {
        Files.writeString(dir.resolve("secret.txt"), SECRET);
        CacheFixture cache = new CacheFixture(dir.resolve("cache"));
        repo = cache.model("acme/tiny");
        repo.file(v1, "config.json", "{}\n");
        repo.ref("main", v1);
        server = MirrorServer.start(cache.root(), "127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Sends one request line as given and returns the whole response (status line, headers, body). */
    String raw(String method, String target) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    private void assertRefused(String target) throws IOException {
        String response = raw("GET", target);
        assertThat(status(response)).as(target).isBetween(400, 499);
        assertThat(response).as(target).doesNotContain(SECRET).doesNotContain("root:");
    }

    @Test
    void sanityCheckTheCacheIsServed() throws IOException {
        assertThat(status(raw("GET", "/acme/tiny/resolve/main/config.json"))).isEqualTo(200);
    }

    @Test
    void dotDotSegmentsAreRefusedRawOrEncoded() throws IOException {
        assertRefused("/acme/tiny/resolve/main/../../../etc/passwd");
        assertRefused("/acme/tiny/resolve/main/../../../../secret.txt");
        assertRefused("/acme/tiny/resolve/main/%2e%2e/%2e%2e/%2e%2e/%2e%2e/secret.txt");
        assertRefused("/acme/tiny/resolve/main/%2E%2E/x");
        assertRefused("/acme/tiny/resolve/main/..%2F..%2F..%2F..%2Fsecret.txt");
        assertRefused("/acme/tiny/resolve/..%2F..%2F..%2F../secret.txt");
        assertRefused("/acme/tiny/resolve/%2e%2e/config.json");
        assertRefused("/api/models/acme/tiny/tree/main/..%2F..%2F..");
        assertRefused("/api/models/acme/tiny/tree/%2e%2e%2F%2e%2e");
        assertRefused("/../cache/models--acme--tiny/blobs");
    }

    @Test
    void absolutePathsBackslashesAndNulAreRefused() throws IOException {
        assertRefused("/acme/tiny/resolve/main//etc/passwd");
        assertRefused("/acme/tiny/resolve/main/%2Fetc%2Fpasswd");
        assertRefused("/acme/tiny/resolve/main/..%5C..%5C..%5C..%5Csecret.txt");
        assertRefused("/acme/tiny/resolve/main/config.json%00.txt");
        assertRefused("/acme/tiny/resolve/main/C:%5Cwindows");
        assertRefused("/api/models/acme/tiny/tree/main/%2Fetc");
        assertRefused("/acme/tiny/resolve/main/%ZZ");
        assertRefused("/acme/tiny/resolve/main/%C3%28");
    }

    @Test
    void repoIdsThatEscapeAreRefused() throws IOException {
        assertRefused("/acme/..%2F..%2Fsecret/resolve/main/config.json");
        assertRefused("/%2e%2e/tiny/resolve/main/config.json");
    }

    @Test
    void plantedSymlinksLeadingOutOfTheBlobsFolderAreRefused() throws IOException {
        repo.symlink(v1, "evil.txt", "../../../../secret.txt");
        repo.symlink(v1, "passwd", "/etc/passwd");
        repo.symlink(v1, "sneaky/ref.txt", "../../../refs/main"); // inside the repo, but not a blob
        Path outsideFolder = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outsideFolder.resolve("f.txt"), SECRET);
        Files.createSymbolicLink(repo.paths().snapshotFile(CommitHash.of(v1), RepoFilePath.of("linked-dir")), outsideFolder);

        assertRefused("/acme/tiny/resolve/main/evil.txt");
        assertRefused("/acme/tiny/resolve/main/passwd");
        assertRefused("/acme/tiny/resolve/main/sneaky/ref.txt");
        assertRefused("/acme/tiny/resolve/main/linked-dir/f.txt");
        String listing = raw("GET", "/api/models/acme/tiny/tree/main?recursive=true");
        assertThat(listing).contains("config.json").doesNotContain("evil.txt").doesNotContain("passwd")
                .doesNotContain("f.txt");
    }

    @Test
    void treeListingsDoNotFollowALinkedFolderEarlierInThePath() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside/ssh"));
        Files.writeString(outside.resolve("ssh_host_key-SECRET-NAME"), SECRET);
        Files.createSymbolicLink(repo.paths().snapshotFile(CommitHash.of(v1), RepoFilePath.of("ext")), dir.resolve("outside"));

        for (String target : new String[] {"/api/models/acme/tiny/tree/main/ext%2Fssh",
                "/api/models/acme/tiny/tree/main/ext/ssh", "/api/models/acme/tiny/tree/main/ext/ssh?recursive=true",
                "/api/models/acme/tiny/tree/main/ext"}) {
            assertRefused(target);
            assertThat(raw("GET", target)).as(target).doesNotContain("SECRET-NAME");
        }
    }

    @Test
    void aRepoFolderLinkedFromOutsideTheCacheIsNotServed() throws IOException {
        CacheFixture elsewhere = new CacheFixture(dir.resolve("elsewhere"));
        elsewhere.model("acme/outside").file(v1, "secret.txt", SECRET).length();
        elsewhere.model("acme/outside").ref("main", v1);
        Files.createSymbolicLink(dir.resolve("cache/models--acme--outside"),
                dir.resolve("elsewhere/models--acme--outside"));

        assertRefused("/acme/outside/resolve/main/secret.txt");
    }

    @Test
    void writesAndOddMethodsAreRefused() throws IOException {
        assertThat(status(raw("DELETE", "/acme/tiny/resolve/main/config.json"))).isEqualTo(405);
        assertThat(status(raw("TRACE", "/acme/tiny/resolve/main/config.json"))).isBetween(400, 499);
        assertThat(Paths.get(repo.paths().snapshotFile(CommitHash.of(v1), RepoFilePath.of("config.json")).toString())).exists();
    }

    @Test
    void bindsToLoopbackByDefault() {
        assertThat(MirrorServer.DEFAULT_HOST).isEqualTo("127.0.0.1");
        assertThat(server.endpoint()).startsWith("http://127.0.0.1:");
    }
}
