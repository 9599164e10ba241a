package io.hfhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.hfhub.xet.XetBytes.chunk;
import static io.hfhub.xet.XetBytes.lz4;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hfhub.testkit.HubServerExtension;
import io.hfhub.testkit.internal.Hashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CAS that lies: every reconstruction field and every xorb byte is untrusted. Each lie is refused with
 * {@link XetProtocolException} and nothing reaches {@code blobs/}, not even a partial file. The first test proves
 * the hand-made reconstructions are right when honest, so each other test fails for its lie alone.
 */
class XetHostileCasTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final HubServerExtension hub = new HubServerExtension();

    @TempDir
    Path cache;

    @TempDir
    Path xetCache;

    private final byte[] content = XetDownloadTest.weights(100_000, 21); // one chunk at most (under 128 KiB)
    private String fileHash;

    @BeforeEach
    void repo() {
        hub.repo("acme/model").xetFile("model.bin", content);
        fileHash = hub.server().xet().fileHash(Hashes.sha256(content));
    }

    @Test
    void anHonestHandMadeReconstructionDownloads() throws Exception {
        serveOneChunk(chunk(0, content.length, 0, content.length, content), r -> {});
        assertThat(Files.readAllBytes(download())).isEqualTo(content);
    }

    @Test
    void aTermWithoutAFetchRangeIsRefused() {
        serveOneChunk(honestXorb(), r -> r.putObject("fetch_info"));
        assertRefused("no fetch range");
    }

    @Test
    void overlappingFetchRangesThatDisagreeAreRefused() {
        serveOneChunk(honestXorb(), r -> {
            ArrayNode list = (ArrayNode) r.get("fetch_info").elements().next();
            ObjectNode copy = list.get(0).deepCopy();
            ((ObjectNode) copy.get("url_range")).put("start", 5);
            list.add(copy);
        });
        assertRefused("disagree");
    }

    @Test
    void termsThatDoNotAddUpToTheFileAreRefused() {
        serveOneChunk(honestXorb(), r -> ((ObjectNode) r.get("terms").get(0)).put("unpacked_length", content.length - 1));
        assertRefused("adds up to");
    }

    @Test
    void bytesLeftAfterTheChunksAreRefused() {
        serveOneChunk(concat(honestXorb(), new byte[10]), r -> {});
        assertRefused("after its 1 chunks");
    }

    @Test
    void aChunkHeaderClaiming16MegabytesIsRefused() {
        serveOneChunk(chunk(0, 0xFFFFFF, 0, 0xFFFFFF, new byte[100]), r -> {});
        assertRefused("over the format's");
    }

    @Test
    void aDecompressionBombIsRefused() {
        byte[] bomb = lz4(new byte[8 << 20]); // 8 MiB of zeros in a few KiB
        serveOneChunk(chunk(0, bomb.length, 1, content.length, bomb), r -> {});
        assertRefused("does not decompress to its announced");
    }

    @Test
    void chunksThatDecodeToOtherBytesThanTheirTermAreRefused() {
        byte[] shorter = java.util.Arrays.copyOf(content, content.length - 1);
        serveOneChunk(chunk(0, shorter.length, 0, shorter.length, shorter), r -> {});
        assertRefused("decode to");
    }

    @Test
    void aUrlOfAnotherSchemeIsRefused() {
        for (String url : new String[] {"file:///etc/passwd", "ftp://127.0.0.1/x", "jar:file:/x!/y"}) {
            serveOneChunk(honestXorb(), r -> ((ObjectNode) r.get("fetch_info").elements().next().get(0)).put("url", url));
            assertRefused("scheme");
        }
    }

    @Test
    void aChunkRangeThatIsEmptyIsRefused() {
        serveOneChunk(honestXorb(), r -> ((ObjectNode) r.get("terms").get(0).get("range")).put("end", 0));
        assertRefused("empty or impossible chunk range");
    }

    private byte[] honestXorb() {
        return chunk(0, content.length, 0, content.length, content);
    }

    /**
     * Makes the CAS answer with one term of one chunk of a hand-made xorb holding {@code xorb}'s bytes, then lets
     * {@code lie} edit the answer.
     */
    private void serveOneChunk(byte[] xorb, Consumer<ObjectNode> lie) {
        String hash = hub.server().xet().putRawXorb(xorb);
        String url = hub.server().xet().xorbUrl(hash);
        hub.server().xet().rewriteReconstructions(json -> {
            ObjectNode root = JSON.createObjectNode().put("offset_into_first_range", 0);
            ObjectNode term = root.putArray("terms").addObject().put("hash", hash).put("unpacked_length", content.length);
            term.putObject("range").put("start", 0).put("end", 1);
            ObjectNode fetch = root.putObject("fetch_info").putArray(hash).addObject();
            fetch.putObject("range").put("start", 0).put("end", 1);
            fetch.put("url", url);
            fetch.putObject("url_range").put("start", 0).put("end", xorb.length - 1);
            lie.accept(root);
            return root.toString();
        });
    }

    private Path download() {
        try (HfHub client = TestHubs.builder(hub.server(), cache).xetCacheDir(xetCache).build()) {
            return client.download("acme/model", "model.bin");
        }
    }

    private void assertRefused(String why) {
        assertThatThrownBy(this::download).isInstanceOf(XetProtocolException.class).hasMessageContaining(why);
        Path blobs = cache.resolve("models--acme--model/blobs");
        if (Files.exists(blobs)) {
            try (Stream<Path> files = Files.list(blobs)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .noneMatch(name -> name.startsWith(Hashes.sha256(content)) && !name.endsWith(".lock"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return XetDownloadTest.concat(a, b);
    }
}
