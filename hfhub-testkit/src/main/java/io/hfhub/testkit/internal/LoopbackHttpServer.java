package io.hfhub.testkit.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A small HTTP/1.1 server over blocking socket channels, one thread per connection. It is written
 * by hand rather than on {@code com.sun.net.httpserver} because fault injection needs control of
 * the raw byte stream: cutting a connection mid-body, stalling, pacing writes per connection.
 *
 * <p>Every response carries {@code Content-Length}; connections are kept alive unless the client
 * asks otherwise; {@code TCP_NODELAY} is set so that a kept-alive connection does not wait for
 * delayed ACKs between responses. {@link #close()} closes the listening socket and every open
 * connection and waits for the connection threads to end.
 */
public final class LoopbackHttpServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LoopbackHttpServer.class.getName());

  private final String name;
  private final Handler handler;
  private final ExchangeHooks hooks;
  private final ServerSocketChannel listener;
  private final ExecutorService connections;
  private final Thread acceptor;
  private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private LoopbackHttpServer(String name, Handler handler, ExchangeHooks hooks, ServerSocketChannel listener) {
    this.name = name;
    this.handler = handler;
    this.hooks = hooks;
    this.listener = listener;
    AtomicInteger count = new AtomicInteger();
    String prefix = threadNamePrefix(name, port());
    this.connections = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, prefix + "conn-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.acceptor = new Thread(this::acceptLoop, prefix + "accept");
    this.acceptor.setDaemon(true);
  }

  /**
   * Binds and starts a server.
   *
   * @param name the server's name in recorded requests and fault rules ("hub" or "cdn")
   * @param host the address to bind
   * @param port the port, 0 for any free port
   */
  public static LoopbackHttpServer start(String name, String host, int port, Handler handler, ExchangeHooks hooks) {
    try {
      ServerSocketChannel listener = ServerSocketChannel.open();
      listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      listener.bind(new InetSocketAddress(host, port), 256);
      LoopbackHttpServer server = new LoopbackHttpServer(name, handler, hooks, listener);
      server.acceptor.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind " + name + " server on " + host + ":" + port, e);
    }
  }

  /** The prefix of the names of this server's threads, e.g. {@code hubserver-cdn-40123-}. */
  public static String threadNamePrefix(String name, int port) {
    return "hubserver-" + name + "-" + port + "-";
  }

  /** The bound port. */
  public int port() {
    try {
      return ((InetSocketAddress) listener.getLocalAddress()).getPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void acceptLoop() {
    while (!closed) {
      SocketChannel channel;
      try {
        channel = listener.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.log(Level.WARNING, name + " server: accept failed", e);
        }
        return;
      }
      open.add(channel);
      try {
        connections.execute(() -> serve(channel));
      } catch (RejectedExecutionException e) {
        closeQuietly(channel);
      }
    }
  }

  private void serve(SocketChannel channel) {
    try {
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 16 * 1024);
      while (!closed && exchange(channel, in)) {
        // next request on the same connection
      }
    } catch (RequestParser.MalformedRequest e) {
      writeQuietly(channel, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    } catch (ClosedChannelException | InterruptedException e) {
      // server closing
    } catch (IOException e) {
      // the client went away; nothing to do
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, name + " server: connection failed", e);
    } finally {
      open.remove(channel);
      closeQuietly(channel);
    }
  }

  /** Serves one request; returns whether the connection stays open. */
  private boolean exchange(SocketChannel channel, InputStream in) throws IOException, InterruptedException {
    HttpRequest request = RequestParser.read(in);
    if (request == null) {
      return false;
    }
    long ticket = hooks.arrived(name, request);
    Delivery delivery = hooks.deliveryFor(name, request);
    HttpResponse response = delivery.edited(delivery.replacement() != null
        ? delivery.replacement()
        : handle(delivery.requestForHandler(request)));
    boolean keepAlive = request.keepAlive() && !delivery.closesConnection() && !closed;
    hooks.responded(ticket, name, request, response.status());
    BodyWriter.writeFully(channel, ByteBuffer.wrap(head(response, keepAlive)));
    if (!request.isHead() && !BodyWriter.write(channel, response.body(), delivery)) {
      return false;
    }
    return keepAlive;
  }

  private HttpResponse handle(HttpRequest request) {
    try {
      return handler.handle(request);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, name + " server: handler failed for " + request.rawPath(), e);
      return HubErrors.error(500, null, "Internal error: " + e);
    }
  }

  private static byte[] head(HttpResponse response, boolean keepAlive) {
    StringBuilder head = new StringBuilder(256);
    head.append("HTTP/1.1 ").append(response.status()).append(' ')
        .append(HttpResponse.reason(response.status())).append("\r\n");
    for (Map.Entry<String, String> h : response.headers().entrySet()) {
      head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    head.append("Content-Length: ").append(response.body().length()).append("\r\n");
    head.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
    return head.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void writeQuietly(SocketChannel channel, String text) {
    try {
      BodyWriter.writeFully(channel, ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
    } catch (IOException e) {
      // best effort
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // already gone
    }
  }

  /** Stops accepting, closes every connection and waits (briefly) for their threads to end. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    open.forEach(LoopbackHttpServer::closeQuietly);
    connections.shutdownNow();
    try {
      acceptor.join(5_000);
      connections.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
