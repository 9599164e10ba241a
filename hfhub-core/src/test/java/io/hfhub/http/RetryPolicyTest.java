package io.hfhub.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which failures are worth waiting for, and the cap on what a server may ask. */
class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(5, Backoff.DEFAULT, d -> {});

    @Test
    void onlyFailuresThatWaitingCanCureAreRetried() {
        assertThat(RetryPolicy.isRetriable(new IOException("Connection reset"))).isTrue();
        assertThat(RetryPolicy.isRetriable(new SocketTimeoutException("Read timed out"))).isTrue();
        assertThat(RetryPolicy.isRetriable(new ConnectException("Connection refused"))).isFalse();
        assertThat(RetryPolicy.isRetriable(new UnknownHostException("huggingface.co"))).isFalse();
        assertThat(RetryPolicy.isRetriable(new NoRouteToHostException("No route to host"))).isFalse();
        assertThat(RetryPolicy.isRetriable(new ProtocolException("redirect loop"))).isFalse();
        assertThat(RetryPolicy.isRetriable(new InterruptedIOException())).isFalse();
    }

    @Test
    void aRetryAfterWithinTheCapIsHonouredBeyondItIsReported() throws IOException {
        assertThat(policy.delay(1, "60")).isEqualTo(Duration.ofSeconds(60));
        assertThatThrownBy(() -> policy.delay(1, "61")).isInstanceOf(RetryAfterTooLongException.class)
                .hasMessageStartingWith("the server asks to wait 61 s before trying again");
        assertThat(RetryPolicy.isRetriable(new RetryAfterTooLongException(Duration.ofHours(1), Duration.ofMinutes(1))))
                .isFalse();
        assertThat(policy.delay(1, "soon")).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1250));
    }
}
