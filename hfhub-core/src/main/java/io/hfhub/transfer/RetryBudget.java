package io.hfhub.transfer;

import io.hfhub.HfHubException;
import io.hfhub.ProgressListener;
import io.hfhub.http.RetryPolicy;
import java.io.IOException;
import java.time.Duration;

/**
 * The retry budget of one stream of bytes (a file read as one stream, or one range of it): it counts consecutive
 * failed attempts without progress, so a connection cut ten times mid-body still finishes, and pauses between
 * attempts as the retry policy says. Progress means bytes never held before: a server that lies about the size
 * (sends 5 bytes of a "50-byte" file, answers 416 to the resume, then the same 5 bytes again) would otherwise
 * reset the budget on every restart from zero and be retried forever.
 */
final class RetryBudget {
    private static final System.Logger LOG = System.getLogger(RetryBudget.class.getName());

    private final RetryPolicy policy;
    private final ProgressListener listener;
    private final String name;
    private final String failing;
    private final String keptNote;
    private final Runnable onSlowDown;
    private int failures;
    private long highWater = -1;

    /**
     * @param failing    how a spent budget's message starts ("download of x", "reading x")
     * @param keptNote   appended to that message: what is left to resume, or nothing
     * @param onSlowDown called when the server sheds load (the connection controller backs off)
     */
    RetryBudget(RetryPolicy policy, ProgressListener listener, String name, String failing, String keptNote,
            Runnable onSlowDown) {
        this.policy = policy;
        this.listener = listener;
        this.name = name;
        this.failing = failing;
        this.keptNote = keptNote;
        this.onSlowDown = onSlowDown;
    }

    /**
     * Counts an attempt that failed with {@code why} having reached byte {@code position}, and pauses before the
     * next: null to try again, or the fatal outcome when the budget is spent.
     *
     * @param where the bytes concerned, for messages ("bytes 0-99"), or null for the whole file
     */
    Outcome.Fatal failed(long position, String where, String reason, String retryAfter, boolean slowDown)
            throws IOException {
        if (position > highWater) {
            highWater = position;
            failures = 0; // progress was made: the budget counts attempts without progress
        }
        failures++;
        if (slowDown) {
            onSlowDown.run();
        }
        if (failures >= policy.maxAttempts()) {
            return new Outcome.Fatal(new HfHubException(failing + " failed after " + failures
                    + " attempts without progress" + (where != null ? " (" + where + ")" : "") + ": " + reason
                    + keptNote));
        }
        Duration delay = policy.delay(failures, retryAfter);
        String said = where != null ? where + ": " + reason : reason;
        LOG.log(System.Logger.Level.DEBUG, "retrying {0} (attempt {1}) in {2} ms at byte {3}: {4}", name,
                failures + 1, delay.toMillis(), position, said);
        listener.retrying(name, failures, said, delay.toMillis());
        policy.pause(delay);
        return null;
    }
}
