package io.hfhub.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * Terminates TLS in front of a plain {@link LoopbackHttpServer}, as a load balancer does in front
 * of the real Hub: every byte is passed through unchanged in both directions, so fault injection
 * (cut bodies, stalls, pacing) behaves over HTTPS exactly as over HTTP, and the server behind keeps
 * its zero-copy writes.
 */
public final class TlsFront implements AutoCloseable {
  private static final int BUFFER = 64 * 1024;

  private final ServerSocket listener;
  private final InetSocketAddress backend;
  private final ExecutorService pumps;
  private final Thread acceptor;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private TlsFront(ServerSocket listener, InetSocketAddress backend, String threadPrefix) {
    this.listener = listener;
    this.backend = backend;
    this.pumps = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, threadPrefix + "tls-pump");
      t.setDaemon(true);
      return t;
    });
    this.acceptor = new Thread(this::acceptLoop, threadPrefix + "tls-accept");
    this.acceptor.setDaemon(true);
  }

  /**
   * Listens on {@code host:port} (0 for a free port) with TLS and forwards to {@code backendPort}
   * on the same host.
   */
  public static TlsFront start(SSLContext context, String host, int port, int backendPort, String threadPrefix) {
    try {
      ServerSocket listener = context.getServerSocketFactory().createServerSocket();
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress(host, port), 256);
      TlsFront front = new TlsFront(listener, new InetSocketAddress(InetAddress.getByName(host), backendPort),
          threadPrefix);
      front.acceptor.start();
      return front;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind a TLS listener on " + host + ":" + port, e);
    }
  }

  /** The bound port. */
  public int port() {
    return listener.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return; // closed
      }
      open.add(client);
      try {
        pumps.execute(() -> connect(client));
      } catch (RejectedExecutionException e) {
        closeQuietly(client);
      }
    }
  }

  private void connect(Socket client) {
    Socket server = new Socket();
    open.add(server);
    try {
      client.setTcpNoDelay(true);
      server.setTcpNoDelay(true);
      server.connect(backend, 5_000);
      pumps.execute(() -> pump(server, client));
      pump(client, server);
    } catch (IOException | RejectedExecutionException e) {
      closeBoth(client, server);
    }
  }

  /** Copies until either side ends, then closes both: the other direction ends with them. */
  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // a failed handshake or a closed peer: the connection is over
    } finally {
      closeBoth(from, to);
    }
  }

  private void closeBoth(Socket a, Socket b) {
    closeQuietly(a);
    closeQuietly(b);
  }

  private void closeQuietly(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

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
    open.forEach(this::closeQuietly);
    pumps.shutdownNow();
    try {
      acceptor.join(5_000);
      pumps.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
