package dev.ondine.impl.jakarta.client;

import dev.ondine.api.OndineServer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An Ondine server on a free loopback port with {@link ServerEndpoints}, for one test class:
 * {@code @RegisterExtension static final ClientTestServer server = new ClientTestServer();}
 */
final class ClientTestServer implements BeforeAllCallback, AfterAllCallback {
    private OndineServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = OndineServer.builder()
                .port(0)
                .endpoint(ServerEndpoints.Echo.class, ServerEndpoints.Headers.class, ServerEndpoints.Guarded.class)
                .start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }

    /** The ws:// URI of a path on this server. */
    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.address().getPort() + path);
    }

    /**
     * Checks a session to {@code /echo} whose endpoint records into {@code events}: it
     * opened, a text comes back, and a close ends with 1000.
     */
    static void assertEchoesAndCloses(Session session, Events events, String text) throws Exception {
        assertEquals("open", events.next());
        session.getBasicRemote().sendText(text);
        assertEquals(text, events.next());
        session.close();
        CloseReason reason = events.next(CloseReason.class);
        assertEquals(1000, reason.getCloseCode().getCode());
    }
}
