package io.hfhub.http;

import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * One request through the spine, cancellable from another thread (a ranged transfer stops its workers this
 * way): cancelling drops the connection of the hop under way and refuses new hops. An interrupted thread starts
 * no request at all.
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

    /**
     * Runs the request. An interrupted thread starts none: a cancelled download must not open another connection
     * on its way out (a blocked read itself is not woken by an interrupt; the stall timeout bounds it).
     */
    public HubResponse execute() throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("interrupted before " + request.method() + " "
                    + Origins.forMessage(request.url()));
        }
        return http.run(this, request, download);
    }

    public void cancel() {
        cancelled = true;
        HubResponse response = current;
        if (response != null) {
            response.cancel();
        }
    }

    /** Whether this is a download (the download timeout, and a socket transport for plain HTTP). */
    boolean isDownload() {
        return download;
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
