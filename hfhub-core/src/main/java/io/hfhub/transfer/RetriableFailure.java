package io.hfhub.transfer;

import java.io.IOException;

/** An attempt failed in a way worth retrying: network error, stall, 408/429/5xx, a short or odd response. */
class RetriableFailure extends IOException {
    final String retryAfter;

    RetriableFailure(String reason, String retryAfter, Throwable cause) {
        super(reason, cause);
        this.retryAfter = retryAfter;
    }
}
