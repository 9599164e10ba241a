package io.hfhub.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.Vectors;
import io.hfhub.store.BlobName;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentHasherTest {
    @Test
    void gitSha1AndSha256MatchTheVectors() {
        for (String[] row : Vectors.rows("hashes.tsv")) {
            byte[] content = content(row[0]);
            ContentHasher git = ContentHasher.forEtag(BlobName.of(row[1]), content.length);
            feedInPieces(git, content);
            assertThat(git.matches(BlobName.of(row[1]))).as("git sha1 of %s", row[0]).isTrue();
            ContentHasher sha = ContentHasher.forEtag(BlobName.of(row[2]), content.length);
            feedInPieces(sha, content);
            assertThat(sha.matches(BlobName.of(row[2]))).as("sha256 of %s", row[0]).isTrue();
        }
    }

    @Test
    void aFlippedByteDoesNotMatch() {
        String[] row = Vectors.rows("hashes.tsv").get(1);
        byte[] content = content(row[0]);
        content[0] ^= 1;
        ContentHasher sha = ContentHasher.forEtag(BlobName.of(row[2]), content.length);
        sha.update(content, 0, content.length);
        assertThat(sha.matches(BlobName.of(row[2]))).isFalse();
    }

    private static void feedInPieces(ContentHasher hasher, byte[] content) {
        int half = content.length / 2;
        hasher.update(content, 0, half);
        hasher.update(content, half, content.length - half);
    }

    private static byte[] content(String spec) {
        if (spec.startsWith("\"") && spec.contains("*") && !spec.contains("\\")) {
            String inner = Vectors.jsonString(spec);
            int star = inner.indexOf('*');
            if (star > 0 && inner.substring(star + 1).matches("\\d+")) {
                return inner.substring(0, star).repeat(Integer.parseInt(inner.substring(star + 1))).getBytes(StandardCharsets.UTF_8);
            }
        }
        return Vectors.jsonString(spec).getBytes(StandardCharsets.UTF_8);
    }
}
