/**
 * Implementation of the Hub emulator: a small HTTP/1.1 server over blocking socket channels, the Hub
 * and CDN request handlers and the repository model. Nothing here is API; use {@link
 * io.hfhub.testkit.HubServer} instead.
 */
package io.hfhub.testkit.internal;
