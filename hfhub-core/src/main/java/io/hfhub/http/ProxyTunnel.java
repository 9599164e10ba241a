package io.hfhub.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTPS through an HTTP proxy with our own {@code CONNECT}. The JDK's tunnel cannot send Basic credentials
 * unless the whole JVM clears {@code jdk.http.auth.tunneling.disabledSchemes} (measured on JDK 17 against
 * tinyproxy: neither a {@code Proxy-Authorization} request header nor a per-connection {@code Authenticator}
 * reaches the CONNECT; both get 407). So the connection is opened as {@code DIRECT} with this factory: its
 * unconnected socket connects to the proxy and asks for the tunnel, and {@code HttpsURLConnection} then
 * layers TLS on it through {@link #createSocket(Socket, String, int, boolean)}, verifying the Hub's host as
 * usual. The JDK keeps such connections alive per factory, so there is one factory per proxy route.
 */
final class ProxyTunnel extends SSLSocketFactory {
    private static final int MAX_HEADER = 64 * 1024;

    private final SSLSocketFactory tls;
    private final ProxyRoute route;

    ProxyTunnel(SSLSocketFactory tls, ProxyRoute route) {
        this.tls = tls;
        this.route = route;
    }

    @Override
    public Socket createSocket() {
        return new TunnelSocket();
    }

    @Override
    public Socket createSocket(Socket tunnel, String host, int port, boolean autoClose) throws IOException {
        return tls.createSocket(tunnel, host, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket tunnel = createSocket();
        tunnel.connect(InetSocketAddress.createUnresolved(host, port));
        return createSocket(tunnel, host, port, true);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return createSocket(host.getHostAddress(), port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return createSocket(address.getHostAddress(), port);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return tls.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
    }

    /**
     * A socket whose {@code connect} reaches the proxy and opens the tunnel to the requested address; its input is
     * buffered as a direct connection's is (see {@link BufferedInputSocket}).
     */
    private final class TunnelSocket extends BufferedInputSocket {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            InetSocketAddress target = (InetSocketAddress) endpoint;
            InetSocketAddress proxy = route.address();
            try {
                super.connect(new InetSocketAddress(proxy.getHostString(), proxy.getPort()), timeout);
            } catch (ConnectException | UnknownHostException e) {
                throw new ProxyFailure(ProxyFailure.Kind.UNREACHABLE, 0, e);
            }
            int saved = getSoTimeout();
            setSoTimeout(timeout);
            String host = target.getHostString();
            String authority = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + target.getPort();
            StringBuilder request = new StringBuilder("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(authority).append("\r\n");
            if (route.authorization() != null) {
                request.append("Proxy-Authorization: ").append(route.authorization()).append("\r\n");
            }
            OutputStream out = getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            int status = readStatus(getInputStream());
            // 407 asks for credentials; tinyproxy answers wrong ones with 401, which for a CONNECT can only be the proxy's
            if (status == 407 || status == 401) {
                throw new ProxyFailure(ProxyFailure.Kind.AUTHENTICATION, status, null);
            }
            if (status < 200 || status > 299) {
                throw new ProxyFailure(ProxyFailure.Kind.TUNNEL_REFUSED, status, null);
            }
            setSoTimeout(saved);
        }

        /**
         * The status of the proxy's answer, reading its head byte by byte: nothing after the blank line may be
         * consumed, it belongs to the TLS handshake.
         */
        private int readStatus(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (true) {
                int b = in.read();
                if (b < 0 || head.size() >= MAX_HEADER) {
                    throw new ProxyFailure(ProxyFailure.Kind.TUNNEL_REFUSED, 0, null);
                }
                head.write(b);
                if (b == '\n') {
                    String text = head.toString(StandardCharsets.ISO_8859_1);
                    if (text.endsWith("\r\n\r\n") || text.endsWith("\n\n")) {
                        break;
                    }
                }
            }
            String statusLine = head.toString(StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
            String[] parts = statusLine.split(" ", 3);
            try {
                return parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : 0;
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }
}
