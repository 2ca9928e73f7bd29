package dev.ondine.impl.tls;

import dev.ondine.api.ConnectionInfo;
import dev.ondine.api.Limits;
import dev.ondine.api.OndineServer;
import dev.ondine.api.TlsConfig;
import dev.ondine.api.TlsConfig.ClientAuth;
import dev.ondine.impl.client.OndineClients;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client certificates end to end: the standalone server wants or needs one ({@link TlsConfig}),
 * Ondine's client presents the one of its configuration's {@code SSLContext}, and the verified
 * chain and its subject reach the configurator and the endpoint; certificates are made at test
 * time by a test authority ({@link TestAuthority}).
 */
class ClientCertificateTest {
    static final AtomicInteger HANDSHAKES = new AtomicInteger();

    @TempDir
    static Path dir;
    static TestCertificates server;
    static TestAuthority authority;
    static TestAuthority.Client alice;
    static OndineServer needs;
    static OndineServer wants;

    /** What the configurator sees, put in the per-connection user properties for the endpoint to report. */
    public static class Recording extends ServerEndpointConfig.Configurator {
        @Override
        public boolean checkOrigin(String originHeaderValue) {
            HANDSHAKES.incrementAndGet();
            return true;
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            sec.getUserProperties().put("handshake.principal", name(request.getUserPrincipal()));
            sec.getUserProperties().put("handshake.chain", ConnectionInfo.of(request).peerCertificates().size());
        }
    }

    static String name(java.security.Principal p) {
        return p == null ? "null" : p.getClass().getSimpleName() + ":" + p.getName();
    }

    @ServerEndpoint(value = "/who", configurator = Recording.class)
    public static class Who {
        @OnOpen
        public void open(Session session, EndpointConfig config) throws IOException {
            ConnectionInfo c = ConnectionInfo.of(session);
            Object property = session.getUserProperties().get(ConnectionInfo.PEER_CERTIFICATES);
            StringBuilder subjects = new StringBuilder();
            for (X509Certificate x : c.peerCertificates()) {
                subjects.append(subjects.length() == 0 ? "" : ";").append(x.getSubjectX500Principal().getName());
            }
            session.getBasicRemote().sendText("principal=" + name(session.getUserPrincipal())
                    + " chain=" + subjects
                    + " leaf=" + (c.peerCertificates().isEmpty() ? "none" : c.peerCertificates().get(0).getSerialNumber().toString(16))
                    + " property=" + (property instanceof X509Certificate[] a ? a.length : "none")
                    + " handshake=" + session.getUserProperties().get("handshake.principal")
                    + "/" + session.getUserProperties().get("handshake.chain")
                    + " tls=" + c.tlsProtocol() + "/" + session.getUserProperties().get(ConnectionInfo.TLS_PROTOCOL)
                    + " cipher=" + (c.cipherSuite() != null && c.cipherSuite().equals(
                            session.getUserProperties().get(ConnectionInfo.CIPHER_SUITE))));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = TestCertificates.generate(dir, "localhost", "ip:127.0.0.1,dns:localhost", "EC");
        authority = TestAuthority.create(dir, "test-ca");
        alice = authority.issue("alice", "CN=alice,O=Ondine");
        TlsConfig base = TlsConfig.pem(server.certificatePem, server.privateKeyPem);
        needs = start(base.withClientAuth(ClientAuth.NEED).withTrustedCertificates(authority.certificatePem));
        // The same through the configuration keys: want, and the authority as PEM.
        wants = start(TlsConfig.fromProperties(Map.of(TlsConfig.CERTIFICATE_CHAIN, server.certificatePem.toString(),
                TlsConfig.PRIVATE_KEY, server.privateKeyPem.toString(), TlsConfig.CLIENT_AUTH, "want",
                TlsConfig.TRUSTED_CERTIFICATES, authority.certificatePem.toString())::get));
    }

    static OndineServer start(TlsConfig tls) throws Exception {
        return OndineServer.builder().host("127.0.0.1").port(0).selectorThreads(1).tls(tls)
                .limits(Limits.builder().connectionProperties(true).build()).endpoint(Who.class).start();
    }

    @AfterAll
    static void stop() {
        for (OndineServer s : new OndineServer[] {needs, wants}) {
            if (s != null) {
                s.stop();
            }
        }
    }

    static URI uri(OndineServer s) {
        return URI.create("wss://127.0.0.1:" + s.address().getPort() + "/who");
    }

    /** Connects with {@code context} as the configuration's standard SSLContext (Jakarta WebSocket 2.1+) and returns the endpoint's report. */
    static String report(OndineServer s, SSLContext context) throws Exception {
        WssTest.Client client = new WssTest.Client();
        ClientEndpointConfig.Builder config = ClientEndpointConfig.Builder.create();
        if (context != null) {
            config.sslContext(context);
        }
        Session session = OndineClients.newContainer().connectToServer(client, config.build(), uri(s));
        try {
            return (String) client.next();
        } finally {
            session.close();
        }
    }

    @Test
    void theCertificateOfTheConfigurationsSslContextReachesTheConfiguratorAndTheEndpoint() throws Exception {
        // Only the configuration's context trusts the server's certificate: the default context fails.
        assertThrows(IOException.class, () -> report(needs, null));
        String leaf = alice.chain().get(0).getSerialNumber().toString(16);
        assertEquals("principal=X500Principal:CN=alice,O=Ondine chain=CN=alice,O=Ondine;CN=test-ca leaf=" + leaf
                        + " property=2 handshake=X500Principal:CN=alice,O=Ondine/2 tls=TLSv1.3/TLSv1.3 cipher=true",
                report(needs, alice.context(server)));
    }

    @Test
    void requiredWithoutACertificateTheTlsHandshakeFailsBeforeAnyHttp() throws Exception {
        int before = HANDSHAKES.get();
        Exception e = assertThrows(Exception.class, () -> report(needs, server.trustingContext()));
        assertTrue(e instanceof IOException || e instanceof DeploymentException, e.toString());
        // A raw TLS client: its upgrade request is never answered in HTTP.
        for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
            assertEquals("refused", rawUpgrade(needs, server.trustingContext(), protocol), protocol);
        }
        assertEquals(before, HANDSHAKES.get(), "no configurator was asked");
    }

    /**
     * A refusal found by a delegated task (the certificate checks) is a TLS alert on the wire:
     * the JDK's engine throws it from the next wrap, which once left the record buffer in write
     * mode, and the flush before the alert sent its whole unwritten rest (17 KB of zeros) that
     * the peer read as "Unrecognized record version (D)TLS-0.0, plaintext connection?".
     */
    @Test
    void aRefusalGoesOnTheWireAsTlsRecordsOnly() throws Exception {
        // The server refuses: no client certificate.
        try (RecordingRelay relay = new RecordingRelay(needs.address())) {
            Exception e = assertThrows(Exception.class, () -> OndineClients.newContainer().connectToServer(
                    new WssTest.Client(), ClientEndpointConfig.Builder.create().sslContext(server.trustingContext()).build(),
                    URI.create("wss://127.0.0.1:" + relay.port() + "/who")));
            assertFalse(String.valueOf(e.getMessage()).contains("plaintext"), e.toString());
            assertEquals("ok", RecordingRelay.wellFormedRecords(relay.sent(false)), "what the server sent");
        }
        // Ondine's client refuses: the server's certificate is not trusted by the default context.
        try (RecordingRelay relay = new RecordingRelay(wants.address())) {
            assertThrows(Exception.class, () -> OndineClients.newContainer().connectToServer(new WssTest.Client(),
                    ClientEndpointConfig.Builder.create().build(), URI.create("wss://127.0.0.1:" + relay.port() + "/who")));
            assertEquals("ok", RecordingRelay.wellFormedRecords(relay.sent(true)), "what the client sent");
        }
    }

    @Test
    void aCertificateOfAnotherAuthorityIsRefused() throws Exception {
        TestCertificates stranger = TestCertificates.generate(dir, "stranger", "dns:stranger.example", "EC");
        // Presented whatever authorities the server names (the JDK's key manager would offer no certificate).
        SSLContext context = new TestAuthority.Client(stranger.keyStore, "server").insistingContext(server);
        int before = HANDSHAKES.get();
        assertThrows(IOException.class, () -> report(needs, context));
        assertThrows(IOException.class, () -> report(wants, context), "WANT refuses an untrusted certificate as well");
        assertEquals(before, HANDSHAKES.get());
    }

    @Test
    void wantedAndAbsentTheSessionHasNoPrincipalAndNoChain() throws Exception {
        assertEquals("principal=null chain= leaf=none property=none handshake=null/0 tls=TLSv1.3/TLSv1.3 cipher=true",
                report(wants, server.trustingContext()));
        assertTrue(report(wants, alice.context(server)).startsWith("principal=X500Principal:CN=alice,O=Ondine chain=CN=alice,O=Ondine;CN=test-ca"));
    }

    @Test
    void aTrustStoreFileNamedByTheConfigurationKeys() throws Exception {
        Path trustStore = dir.resolve("clients.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(authority.certificatePem)) {
            ks.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            ks.store(out, "trust".toCharArray());
        }
        TlsConfig config = TlsConfig.fromProperties(Map.of(TlsConfig.KEY_STORE, server.keyStore.toString(),
                TlsConfig.KEY_STORE_PASSWORD, "changeit", TlsConfig.CLIENT_AUTH, "NEED",
                TlsConfig.TRUST_STORE, trustStore.toString(), TlsConfig.TRUST_STORE_PASSWORD, "trust")::get);
        assertEquals(ClientAuth.NEED, config.clientAuth());
        try (OndineServer fromKeys = start(config)) {
            assertTrue(report(fromKeys, alice.context(server)).startsWith("principal=X500Principal:CN=alice,O=Ondine "));
            assertThrows(IOException.class, () -> report(fromKeys, server.trustingContext()));
        }
    }

    /**
     * A TLS handshake and an upgrade request on a bare {@code SSLSocket}: "refused" when the
     * connection ends in a TLS alert or end of stream with no HTTP byte received, else what came.
     */
    private static String rawUpgrade(OndineServer s, SSLContext context, String protocol) throws Exception {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", s.address().getPort())) {
            socket.setEnabledProtocols(new String[] {protocol});
            socket.setSoTimeout(10_000);
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            try {
                socket.startHandshake(); // TLS 1.3: the client's part ends before the server judges its certificate
                socket.getOutputStream().write(("GET /who HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                InputStream in = socket.getInputStream();
                for (int b = in.read(); b >= 0 && received.size() < 100; b = in.read()) {
                    received.write(b);
                }
            } catch (SocketTimeoutException e) {
                return "timeout";
            } catch (SSLException | java.net.SocketException e) {
                // the server's alert (certificate_required, handshake_failure) or a reset
            }
            assertFalse(received.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP"), received.toString());
            return received.size() == 0 ? "refused" : received.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void theTestAuthoritysChainIsClientThenAuthority() throws Exception {
        List<X509Certificate> chain = alice.chain();
        assertEquals(2, chain.size());
        assertEquals(chain.get(1).getSubjectX500Principal(), chain.get(0).getIssuerX500Principal());
    }
}
