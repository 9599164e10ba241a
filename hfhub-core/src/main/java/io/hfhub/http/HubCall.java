package io.hfhub.http;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * One request through the spine, cancellable from another thread (a ranged transfer stops its workers this
 * way): cancelling drops the connection of the hop under way and refuses new hops.
 */
public final class HubCall {
    private final HubHttp http;
    private final HubRequest request;
    private final boolean download;
    private volatile boolean cancelled;
    private volatile HubResponse current;

    HubCall(HubHttp http, HubRequest request, boolean download) {
        this.http = http;
        this.request = request;
        this.download = download;
    }

    public HubResponse execute() throws IOException {
        return http.run(this, request, download);
    }

    public void cancel() {
        cancelled = true;
        HubResponse response = current;
        if (response != null) {
            response.cancel();
        }
    }

    /** Called by the transport for every hop. */
    void opened(HubResponse response) throws IOException {
        current = response;
        if (cancelled) {
            response.cancel();
            throw new InterruptedIOException("cancelled");
        }
    }

    void checkNotCancelled() throws IOException {
        if (cancelled) {
            throw new InterruptedIOException("cancelled");
        }
    }
}
