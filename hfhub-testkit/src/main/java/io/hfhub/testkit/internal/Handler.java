package io.hfhub.testkit.internal;

/** Answers one request. Implementations must be thread-safe: connections are served in parallel. */
@FunctionalInterface
public interface Handler {

  /** Builds the response to a request; never null. */
  HttpResponse handle(HttpRequest request);
}
