package io.hfhub.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.ProgressListener;
import io.hfhub.http.Backoff;
import io.hfhub.http.RetryPolicy;
import io.hfhub.store.BlobName;
import io.hfhub.store.CommitHash;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hash of a large partial file is fed from the buffers the connections hand over when their bytes arrive in
 * order, and from the file only for what arrived out of order; either way every byte is hashed once, in order, so a
 * corrupt byte is still refused. No socket: the test writes as the scheduler's connections would.
 */
class PartialFileHashTest {
    private static final int BUFFER = 64 * 1024;
    private static final int SIZE = (int) PartialFile.RESUMABLE_MIN_SIZE + 3 * BUFFER + 123; // resumable, odd tail

    @TempDir
    Path blobs;

    private final byte[] content = random(SIZE);

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private PartialFile partialFile(byte[] expected) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected));
        TransferTarget target = new TransferTarget("f.bin", "http://hub/resolve", CommitHash.of("a".repeat(40)),
                BlobName.of(sha), expected.length, blobs.resolve(sha + ".incomplete"), blobs.resolve(sha));
        TransferContext ctx = new TransferContext(null, Throttle.NONE, new RetryPolicy(3, Backoff.DEFAULT, d -> {}),
                Clock.systemUTC(), Duration.ofMinutes(1), false, BUFFER, 1, 1 << 20, 1 << 20, new ConnectionBudget(4));
        PartialFile file = new PartialFile(ctx, target, new ProgressListener() {}, Owner.newForThisProcess(0));
        file.begin(true);
        return file;
    }

    /** Writes {@code from..to} of {@code bytes} as one connection would, a buffer at a time; hashes in between. */
    private static void stream(PartialFile file, byte[] bytes, int from, int to, ByteBuffer readBack) throws Exception {
        // direct, as the sockets of plain HTTP read into; every other source reads into heap buffers alike
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
        for (int at = from; at < to; at += BUFFER) {
            int n = Math.min(BUFFER, to - at);
            buffer.clear().put(bytes, at, n).flip();
            // a buffer handed over belongs to the hash until it is hashed: the caller continues with the one returned
            buffer = file.write(at, buffer);
            assertThat(buffer.capacity()).isEqualTo(BUFFER);
            assertThat(buffer.isDirect()).isTrue();
            if ((at / BUFFER) % 3 == 0) {
                file.hashPrefix(readBack); // the hashing thread keeps up now and then, not after every write
            }
        }
    }

    @Test
    void oneStreamIsHashedFromTheBuffersItArrivedInWithoutReadingTheFileBack() throws Exception {
        PartialFile file = partialFile(content);
        ByteBuffer readBack = ByteBuffer.allocateDirect(1 << 20);
        stream(file, content, 0, SIZE, readBack);

        assertThat(file.verify()).isNull();
        assertThat(file.bytesReadBack()).isZero();
    }

    @Test
    void rangesThatFinishAheadAreReadBackAndTheFirstRangeIsNot() throws Exception {
        PartialFile file = partialFile(content);
        ByteBuffer readBack = ByteBuffer.allocateDirect(1 << 20);
        int half = SIZE / 2 / BUFFER * BUFFER;
        stream(file, content, half, SIZE, readBack); // the second range finishes first
        stream(file, content, 0, half, readBack);

        assertThat(file.verify()).isNull();
        assertThat(file.bytesReadBack()).isEqualTo(SIZE - half);
    }

    @Test
    void aCorruptByteIsRefusedWhetherItWasHandedOverOrReadBack() throws Exception {
        byte[] corrupt = content.clone();
        corrupt[SIZE / 4] ^= 1; // in the range handed over
        PartialFile inOrder = partialFile(content);
        stream(inOrder, corrupt, 0, SIZE, ByteBuffer.allocateDirect(1 << 20));
        assertThat(inOrder.verify()).contains("does not hash to");
        assertThat(inOrder.bytesReadBack()).isZero();
        inOrder.discard();

        byte[] corruptLate = content.clone();
        corruptLate[SIZE - 10] ^= 1; // in the range read back
        PartialFile ahead = partialFile(content);
        int half = SIZE / 2 / BUFFER * BUFFER;
        stream(ahead, corruptLate, half, SIZE, ByteBuffer.allocateDirect(1 << 20));
        stream(ahead, corruptLate, 0, half, ByteBuffer.allocateDirect(1 << 20));
        assertThat(ahead.verify()).contains("does not hash to");
        assertThat(ahead.bytesReadBack()).isPositive();
    }

    @Test
    void aRestartFromZeroDropsWhatWaitsToBeHashed() throws Exception {
        PartialFile file = partialFile(content);
        ByteBuffer readBack = ByteBuffer.allocateDirect(1 << 20);
        byte[] wrong = random(SIZE + 1);
        file.write(0, ByteBuffer.wrap(wrong, 0, BUFFER)); // handed over, never hashed: the pass ends
        file.restartFromZero();

        stream(file, content, 0, SIZE, readBack);
        assertThat(file.verify()).isNull();
    }
}
