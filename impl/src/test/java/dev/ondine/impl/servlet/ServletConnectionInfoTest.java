package dev.ondine.impl.servlet;

import dev.ondine.api.ConnectionInfo;
import dev.ondine.api.Limits;
import dev.ondine.impl.tls.TestCertificates;
import dev.ondine.impl.transport.servlet.ServletRuntime;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.ondine.impl.servlet.ServletFakes.answering;
import static dev.ondine.impl.servlet.ServletFakes.response;
import static dev.ondine.impl.servlet.ServletFakes.upgradeRequest;
import static dev.ondine.impl.servlet.ServletFakes.user;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The connection on a servlet container, as the servlet request tells it: addresses
 * ({@code getRemoteAddr} and the rest, IPv6 included, no name lookup), {@code isSecure}, and
 * the TLS attributes of Servlet 6 §3.9; the client's certificate is shown but does not make a
 * user (the container's authentication does).
 */
class ServletConnectionInfoTest {
    private final ServletRuntime runtime = OndineServletContainerInitializer.newRuntime("peer",
            Limits.builder().connectionProperties(true).build(), getClass().getClassLoader());
    private final ServletServerContainer container = new ServletServerContainer(runtime, "/app");

    @TempDir
    Path dir;

    public static class Seen extends ServerEndpointConfig.Configurator {
        static volatile String seen;

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            ConnectionInfo c = ConnectionInfo.of(request);
            seen = c.remoteAddress() + ">" + c.localAddress() + " secure=" + c.secure() + " " + c.tlsProtocol()
                    + " " + c.cipherSuite() + " certificates=" + c.peerCertificates().size()
                    + " peer=" + (c.peerPrincipal() == null ? null : c.peerPrincipal().getName())
                    + " user=" + (request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName())
                    + " property=" + sec.getUserProperties().get(ConnectionInfo.REMOTE_ADDRESS);
        }
    }

    @ServerEndpoint(value = "/ws", configurator = Seen.class)
    public static class Echo {
        @OnMessage
        public String echo(String m) {
            return m;
        }
    }

    @AfterEach
    void stop() {
        OndineServletContainerInitializer.shutdown(runtime, 1000);
    }

    private String handshake(HttpServletRequest request) throws Exception {
        Seen.seen = null;
        int[] status = {0};
        new WebSocketUpgradeFilter(container).doFilter(request, response(status), (req, res) -> { });
        assertEquals(101, status[0]);
        return Seen.seen;
    }

    private static HttpServletRequest request(java.security.Principal user, Map<String, Object> answers) {
        return answering(upgradeRequest("/app/ws", user, Set.of(), null, new AtomicInteger()), answers);
    }

    @Test
    void plainIpv4AndIpv6Addresses() throws Exception {
        container.addEndpoint(Echo.class);
        assertEquals("/127.0.0.1:40000>/127.0.0.1:8080 secure=false null null certificates=0 peer=null user=null"
                + " property=/127.0.0.1:40000", handshake(request(null, Map.of())));
        // Tomcat writes IPv6 in full, others with brackets; either way no name lookup is made.
        assertEquals("/[0:0:0:0:0:0:0:1]:40001>/[0:0:0:0:0:0:0:1]:8443 secure=false null null certificates=0"
                + " peer=null user=null property=/[0:0:0:0:0:0:0:1]:40001", handshake(request(null,
                Map.of("getRemoteAddr", "0:0:0:0:0:0:0:1", "getRemotePort", 40001,
                        "getLocalAddr", "[::1]", "getLocalPort", 8443))));
        // A container that gives a name: kept unresolved, not looked up.
        assertEquals("proxy.invalid/<unresolved>:40002>/127.0.0.1:8080",
                handshake(request(null, Map.of("getRemoteAddr", "proxy.invalid", "getRemotePort", 40002))).split(" ")[0]);
    }

    @Test
    void tlsAttributesAndTheClientCertificateWithoutMakingAUser() throws Exception {
        container.addEndpoint(Echo.class);
        TestCertificates client = TestCertificates.generate(dir, "bob", "dns:bob.example", "EC");
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(client.certificatePem)) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        Map<String, Object> tls = new HashMap<>();
        tls.put("isSecure", true);
        tls.put("getAttribute:jakarta.servlet.request.X509Certificate", new X509Certificate[] {certificate});
        tls.put("getAttribute:jakarta.servlet.request.cipher_suite", "TLS_AES_128_GCM_SHA256");
        tls.put("getAttribute:jakarta.servlet.request.secure_protocol", "TLSv1.3");
        assertEquals("/127.0.0.1:40000>/127.0.0.1:8080 secure=true TLSv1.3 TLS_AES_128_GCM_SHA256 certificates=1"
                + " peer=CN=bob user=null property=/127.0.0.1:40000", handshake(request(null, tls)));
        // The container's authentication decides the user (CLIENT-CERT, a form login, ...).
        assertEquals("peer=CN=bob user=carol", handshake(request(user("carol"), tls)).replaceAll(".* (peer=\\S+ user=\\S+).*", "$1"));
    }
}
