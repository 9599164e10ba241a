package io.hfhub.http;

import java.io.IOException;

/**
 * One stage of the HTTP spine (as in OkHttp): it may change the request, call the next stage any number of
 * times, and change or replace the response.
 */
interface Interceptor {
    HubResponse intercept(Chain chain) throws IOException;

    /** The rest of the spine, from this stage on. */
    interface Chain {
        HubRequest request();

        HubResponse proceed(HubRequest request) throws IOException;
    }
}
