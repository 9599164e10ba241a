/**
 * A read-only mirror of the local cache that speaks the Hub's download protocol ({@code resolve} URLs, the
 * repo info and tree API), so the Python client and hfhub on other machines can use it as
 * {@code HF_ENDPOINT}. Internal: {@link io.hfhub.cache.MirrorServer} (with its {@code Limits}) is the API that starts it;
 * path parsing ({@code RouteParser}) and file access ({@code MirrorStore}) are the two places that keep
 * requests inside the cache. HTTP/1.1 is spoken by the mirror's own small server rather than the JDK's
 * {@code com.sun.net.httpserver}, which reads request heads on a worker thread with only JVM-wide time limits
 * and keeps every connection whose response was cut short until it stops: {@code RequestReader} parses heads
 * strictly, {@code MirrorConnection} serves one connection, {@code Connections} bounds their number and closes
 * those idle, slow or stalled past their limit.
 */
package io.hfhub.serve;
