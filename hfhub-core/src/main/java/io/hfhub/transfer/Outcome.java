package io.hfhub.transfer;

/**
 * What one attempt at a byte range came to, as a value the scheduler decides on (rather than exceptions thrown
 * through the transfer): bytes to keep, a wait and another try, a restart from byte zero, a switch to one stream,
 * or the end of the transfer.
 */
public sealed interface Outcome {

    /** {@code count} bytes arrived, to be written where the range stands. */
    record Bytes(int count) implements Outcome {}

    /** Every byte of the range arrived. */
    record Done() implements Outcome {}

    /**
     * Worth another try from where the range stands, after the retry policy's pause.
     *
     * @param retryAfter the server's {@code Retry-After}, or null
     * @param slowDown   the server sheds load (429, or a 403 from a CDN): fewer connections would help
     */
    record RetryAfter(String reason, String retryAfter, boolean slowDown) implements Outcome {}

    /** The server contradicts the bytes held (416, a 206 starting elsewhere): they cannot be trusted. */
    record RestartFromZero(String reason) implements Outcome {}

    /** The server does not serve ranges usefully: keep the finished prefix and continue as one stream. */
    record OneStream(String reason) implements Outcome {}

    /** Nothing another attempt could change: the transfer fails with {@code error}. */
    record Fatal(RuntimeException error) implements Outcome {}

    /** The single value of {@link Done}. */
    Done DONE = new Done();
}
