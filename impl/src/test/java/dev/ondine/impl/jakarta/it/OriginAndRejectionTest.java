package dev.ondine.impl.jakarta.it;

import dev.ondine.api.HandshakeRejection;
import dev.ondine.api.OriginPolicy;
import dev.ondine.impl.transport.nio.RawClient;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default origin policy (RFC 6455 §10.2: cross-site WebSocket hijacking refused with
 * 403) and a configurator refusing a handshake with a status of its choice.
 */
class OriginAndRejectionTest {

    @RegisterExtension
    static final RunningServer SERVER = RunningServer.with(b -> b
            .endpoint(Plain.class, Guarded.class)
            .originPolicy(OriginPolicy.sameOriginAnd(List.of("https://trusted.example"))));

    @ServerEndpoint("/plain")
    public static class Plain {
        @OnMessage
        public String echo(String s) {
            return s;
        }
    }

    /** Refuses every handshake without ?token=secret, as token authentication would. */
    public static class TokenCheck extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            List<String> token = request.getParameterMap().get("token");
            if (token == null || !token.contains("secret")) {
                throw new HandshakeRejection(401, "A valid token is required").withHeader("WWW-Authenticate", "Bearer");
            }
            if (token.size() > 1) {
                throw new HandshakeRejection(429, "Slow down").withHeader("Retry-After", "5");
            }
        }
    }

    @ServerEndpoint(value = "/guarded", configurator = TokenCheck.class)
    public static class Guarded {
        @OnMessage
        public String echo(String s) {
            return s;
        }
    }

    private static String handshake(String path, String... headers) throws IOException {
        try (RawClient raw = new RawClient(SERVER.server().address())) {
            raw.send(RawClient.upgradeRequest(path, headers));
            return raw.readHead();
        }
    }

    @Test
    void aForeignBrowserOriginGets403() throws IOException {
        String head = handshake("/plain", "Origin: https://evil.example");
        assertTrue(head.startsWith("HTTP/1.1 403 "), head);
    }

    @Test
    void theServersOwnOriginTheAllowListAndNoOriginAreServed() throws IOException {
        // RawClient sends "Host: 127.0.0.1": the same origin is http://127.0.0.1 (port 80 implied).
        assertTrue(handshake("/plain", "Origin: http://127.0.0.1").startsWith("HTTP/1.1 101 "));
        assertTrue(handshake("/plain", "Origin: https://trusted.example").startsWith("HTTP/1.1 101 "));
        assertTrue(handshake("/plain").startsWith("HTTP/1.1 101 "));
        assertTrue(handshake("/plain", "Origin: http://127.0.0.1:3000").startsWith("HTTP/1.1 403 "));
    }

    @Test
    void aConfiguratorRefusesWithItsOwnStatusAndHeaders() throws IOException {
        String missing = handshake("/guarded");
        assertTrue(missing.startsWith("HTTP/1.1 401 "), missing);
        assertTrue(missing.contains("WWW-Authenticate: Bearer\r\n"), missing);
        String twice = handshake("/guarded?token=secret&token=secret");
        assertTrue(twice.startsWith("HTTP/1.1 429 "), twice);
        assertTrue(twice.contains("Retry-After: 5\r\n"), twice);
        assertTrue(handshake("/guarded?token=secret").startsWith("HTTP/1.1 101 "));
    }
}
