package io.hfhub.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hfhub.config.Environment;
import io.hfhub.testkit.HubServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

class LazySocketFactoryTest {
    private static final byte[] LOOPBACK = {127, 0, 0, 1};

    @Test
    void httpsUrlConnectionGetsAPlainBufferedSocketToLayerTlsOn() throws IOException {
        for (SSLSocketFactory factory : new SSLSocketFactory[] {
                TlsTrust.socketFactory(Environment.of(Map.of()), null, HubServer.caBundle()),
                TlsTrust.socketFactory(Environment.of(Map.of()), HubServer.clientSslContext(), null)}) {
            try (Socket socket = factory.createSocket()) {
                assertThat(socket).isInstanceOf(BufferedInputSocket.class).isNotInstanceOf(SSLSocket.class);
            }
        }
    }

    @Test
    void theConnectedFormsVerifyTheNameTheyAreGiven() throws IOException {
        try (HubServer server = HubServer.startHttps()) {
            SSLSocketFactory factory = TlsTrust.socketFactory(Environment.of(Map.of()), null, HubServer.caBundle());
            handshake(factory.createSocket("127.0.0.1", server.port()));
            handshake(factory.createSocket(InetAddress.getByAddress(LOOPBACK), server.port()));
            // the same address under a name the certificate does not hold: the name is what is verified
            InetAddress elsewhere = InetAddress.getByAddress("elsewhere.invalid", LOOPBACK);
            assertThatThrownBy(() -> handshake(factory.createSocket(elsewhere, server.port())))
                    .isInstanceOf(SSLHandshakeException.class);
            assertThatThrownBy(() -> handshake(factory.createSocket(elsewhere, server.port(), null, 0)))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    private static void handshake(Socket socket) throws IOException {
        try (SSLSocket tls = (SSLSocket) socket) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            assertThat(tls.getSession().getProtocol()).startsWith("TLS");
        }
    }
}
