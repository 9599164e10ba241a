package io.hfhub.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.hfhub.testkit.HubServer;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;

class TlsTrustTest {
    @Test
    void bundleCertificatesAreAddedToTheDefaultTrustNotInsteadOfIt() throws Exception {
        List<X509Certificate> bundle = TlsTrust.parsePem(Files.readString(HubServer.caBundle()));
        assertThat(bundle).hasSize(1);
        TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        defaults.init((KeyStore) null);
        X509Certificate[] jvm = ((X509TrustManager) defaults.getTrustManagers()[0]).getAcceptedIssuers();
        assertThat(jvm).isNotEmpty();

        KeyStore anchors = TlsTrust.anchors(bundle);
        assertThat(anchors.size()).isEqualTo(jvm.length + 1);
        List<String> aliases = Collections.list(anchors.aliases());
        assertThat(aliases.stream().map(a -> {
            try {
                return anchors.getCertificate(a);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).contains(bundle.get(0), jvm[0]);
    }

    @Test
    void damagedBlocksAreSkipped() throws Exception {
        String good = Files.readString(HubServer.caBundle());
        String damaged = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
        assertThat(TlsTrust.parsePem(damaged + good)).hasSize(1);
    }
}
