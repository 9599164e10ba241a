package io.hfhub.testkit.internal;

/** What the owner of a server learns about, and decides for, each exchange. */
public interface ExchangeHooks {

  /** Called when a request head has been read; returns an arrival ticket (a global sequence). */
  long arrived(String server, HttpRequest request);

  /** Decides how the response to this request is delivered (fault rules). */
  Delivery deliveryFor(String server, HttpRequest request);

  /** Called with the status just before the response head is written. */
  void responded(long ticket, String server, HttpRequest request, int status);
}
