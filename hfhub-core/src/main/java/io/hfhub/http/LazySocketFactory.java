package io.hfhub.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocketFactory;

/**
 * An {@link SSLSocketFactory} made on first use: building TLS trust parses certificates and loads the JVM's trust
 * store, which a run that never opens an HTTPS connection should not pay for. Thread-safe; a failure to build is
 * thrown to the connection that asked, and the next one tries again.
 *
 * <p>Its sockets are TLS layered on a {@link BufferedInputSocket}, which reads the kernel in large blocks instead of
 * twice per TLS record (see there for the measurement): {@code HttpsURLConnection} connects the plain socket this
 * factory's {@link #createSocket()} returns and then layers TLS on it with {@link #createSocket(Socket, String, int,
 * boolean)}, verifying the host name as usual; the connected forms do the same here.
 */
final class LazySocketFactory extends SSLSocketFactory {
    private final Supplier<SSLSocketFactory> build;
    private volatile SSLSocketFactory delegate;

    LazySocketFactory(Supplier<SSLSocketFactory> build) {
        this.build = build;
    }

    private SSLSocketFactory delegate() {
        SSLSocketFactory d = delegate;
        if (d == null) {
            synchronized (this) {
                d = delegate;
                if (d == null) {
                    d = build.get();
                    delegate = d;
                }
            }
        }
        return d;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate().getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate().getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() {
        return new BufferedInputSocket();
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return delegate().createSocket(s, host, port, autoClose);
    }

    @Override
    public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
        return delegate().createSocket(s, consumed, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return createSocket(host, new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(host, new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return createSocket(name(host), new InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return createSocket(name(address), new InetSocketAddress(address, port),
                new InetSocketAddress(localAddress, localPort));
    }

    /** The name {@code address} was made with, else its numeric form: never a reverse look-up. */
    private static String name(InetAddress address) {
        String given = address.toString(); // "name/address", or "/address" when made from an address
        return given.startsWith("/") ? address.getHostAddress() : given.substring(0, given.indexOf('/'));
    }

    /** A connected TLS socket to {@code remote}, which names the server {@code host} (for SNI and verification). */
    private Socket createSocket(String host, InetSocketAddress remote, InetSocketAddress local) throws IOException {
        Socket plain = new BufferedInputSocket();
        try {
            if (local != null) {
                plain.bind(local);
            }
            plain.connect(remote);
            return delegate().createSocket(plain, host, remote.getPort(), true);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }
}
