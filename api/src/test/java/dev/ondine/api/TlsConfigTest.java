package dev.ondine.api;

import dev.ondine.api.TlsConfig.ClientAuth;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link TlsConfig}'s client certificate settings; serving with them is tested in impl (ClientCertificateTest). */
class TlsConfigTest {
    private static final Path STORE = Path.of("server.p12");

    @Test
    void theFactoriesAskForNoCertificateAndTheWithMethodsLeaveTheOriginal() throws Exception {
        TlsConfig plain = TlsConfig.keyStore(STORE, "pw".toCharArray());
        assertEquals(ClientAuth.NONE, plain.clientAuth());
        assertEquals(ClientAuth.NONE, TlsConfig.pem(Path.of("c.pem"), Path.of("k.pem")).clientAuth());
        assertEquals(ClientAuth.NONE, TlsConfig.sslContext(SSLContext.getDefault()).clientAuth());
        TlsConfig need = plain.withClientAuth(ClientAuth.NEED).withProtocols("TLSv1.3");
        assertEquals(ClientAuth.NEED, need.clientAuth());
        assertEquals(ClientAuth.NONE, plain.clientAuth(), "a TlsConfig never changes");
        assertEquals(TlsConfig.DEFAULT_PROTOCOLS, plain.protocols());
        assertTrue(need.toString().contains("clientAuth=NEED"), need.toString());
    }

    @Test
    void theClientAuthKeyTakesNoneWantOrNeed() {
        assertEquals(ClientAuth.WANT, ClientAuth.parse(" want "));
        assertEquals(ClientAuth.NEED, ClientAuth.parse("NEED"));
        assertEquals(ClientAuth.NONE, ClientAuth.parse("None"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientAuth.parse("required"));
        assertTrue(e.getMessage().contains(TlsConfig.CLIENT_AUTH), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TlsConfig.fromProperties(Map.of(TlsConfig.KEY_STORE, "s.p12",
                TlsConfig.CLIENT_AUTH, "sometimes")::get));
        TlsConfig fromKeys = TlsConfig.fromProperties(Map.of(TlsConfig.KEY_STORE, "s.p12", TlsConfig.CLIENT_AUTH, "want",
                TlsConfig.TRUSTED_CERTIFICATES, "ca.pem")::get);
        assertEquals(ClientAuth.WANT, fromKeys.clientAuth());
        assertTrue(fromKeys.toString().contains("trusted certificates ca.pem"), fromKeys.toString());
    }

    @Test
    void trustComesFromOnePlaceAndNotBesideAReadyContext() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        TrustManager[] managers = tmf.getTrustManagers();
        TlsConfig two = TlsConfig.keyStore(STORE, null).withTrustedCertificates(Path.of("ca.pem")).withTrustManagers(managers);
        assertThrows(IllegalStateException.class, two::createSslContext);
        TlsConfig ready = TlsConfig.sslContext(SSLContext.getDefault());
        assertSame(SSLContext.getDefault(), ready.withClientAuth(ClientAuth.WANT).createSslContext());
        assertThrows(IllegalStateException.class, () -> ready.withTrustManagers(managers).createSslContext());
        assertThrows(IllegalArgumentException.class, () -> ready.withTrustManagers());
    }
}
