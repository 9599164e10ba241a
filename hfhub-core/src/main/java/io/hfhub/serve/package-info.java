/**
 * A read-only mirror of the local cache that speaks the Hub's download protocol ({@code resolve} URLs, the
 * repo info and tree API), so the Python client and hfhub on other machines can use it as
 * {@code HF_ENDPOINT}. {@link io.hfhub.serve.MirrorServer} is the only public type; path parsing
 * ({@code RouteParser}) and file access ({@code MirrorStore}) are the two places that keep requests inside
 * the cache.
 */
package io.hfhub.serve;
