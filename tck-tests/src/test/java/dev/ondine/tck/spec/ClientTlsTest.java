package dev.ondine.tck.spec;

import dev.ondine.api.OndineServer;
import dev.ondine.api.TlsConfig;
import dev.ondine.tck.spec.app.TlsClientApp;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ClientEndpointConfig.getSSLContext()} (Jakarta WebSocket 2.1+, the {@code Builder.sslContext}
 * javadoc: "the SSLContext to be used when connection to the WebSocket server"), used by the
 * client that a deployed application gets from {@code ContainerProvider} (on a servlet
 * container, the Ondine in its {@code WEB-INF/lib}). The {@code wss://} server is an Ondine
 * standalone server this test starts on loopback with a certificate made by keytool now, which
 * no default trust store knows.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClientTlsTest {
    private static final String PASSWORD = "changeit";
    private static Path dir;
    private static Path keyStore;
    private static OndineServer wssServer;

    @ServerEndpoint("/echo")
    public static class Echo {
        @OnMessage
        public String onMessage(String text) {
            return text;
        }
    }

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Spec.war("tls-client", TlsClientApp.class);
    }

    @ArquillianResource
    URL base;

    @BeforeAll
    static void startWssServer() throws Exception {
        dir = Files.createTempDirectory("ondine-spec-tls-");
        keyStore = dir.resolve("server.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore",
                keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        wssServer = OndineServer.builder().host("127.0.0.1").port(0).endpoint(Echo.class)
                .tls(TlsConfig.keyStore(keyStore, PASSWORD.toCharArray())).start();
    }

    @AfterAll
    static void stopWssServer() throws Exception {
        if (wssServer != null) {
            wssServer.stop();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private String askTheApplication(String mode) throws Exception {
        String wss = "wss://127.0.0.1:" + wssServer.address().getPort() + "/echo";
        try (Peer p = Peer.open(Spec.ws(base, "wss-client"))) {
            return p.ask(wss + "|" + keyStore + "|" + PASSWORD + "|" + mode);
        }
    }

    @Test
    void theApplicationsClientIsOndines() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "wss-client"))) {
            assertEquals("dev.ondine.impl.jakarta.client.OndineClientContainer", p.ask("container"));
        }
    }

    @Test
    void theConfigurationsSslContextDecidesWhichServerIsTrusted() throws Exception {
        assertEquals("echoed: over tls", askTheApplication("standard"));
    }

    @Test
    void withoutOneTheDefaultTrustStoreRefusesTheTestCertificate() throws Exception {
        String answer = askTheApplication("none");
        assertTrue(answer.startsWith("failed: "), answer);
    }
}
