package dev.ondine.tck.spec;

import dev.ondine.tck.spec.app.ClientApp;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client container (§2.1 client endpoints, §4 {@code @ClientEndpoint}, ClientEndpointConfig). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClientContainerTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Spec.war("client", ClientApp.class);
    }

    @ArquillianResource
    URL base;

    @ClientEndpoint(subprotocols = {"json", "chat"})
    public static class AnnotatedClient {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<CloseReason> closed = new CompletableFuture<>();

        @OnOpen
        public void onOpen(Session s) throws Exception {
            s.getBasicRemote().sendText("hello from onOpen");
        }

        @OnMessage
        public void onMessage(String text) {
            messages.add(text);
        }

        @OnClose
        public void onClose(CloseReason reason) {
            closed.complete(reason);
        }
    }

    @Test
    void anAnnotatedClientInstance() throws Exception {
        AnnotatedClient client = new AnnotatedClient();
        Session s = Spec.client().connectToServer(client, Spec.ws(base, "echo"));
        assertEquals("hello from onOpen", client.messages.poll(5, TimeUnit.SECONDS));
        assertEquals("json", s.getNegotiatedSubprotocol(), "the server picks from the client's list in its own way");
        s.close();
        assertEquals(1000, client.closed.get(5, TimeUnit.SECONDS).getCloseCode().getCode());
    }

    @Test
    void anAnnotatedClientClassIsInstantiatedByTheContainer() throws Exception {
        Session s = Spec.client().connectToServer(AnnotatedClient.class, Spec.ws(base, "echo"));
        assertTrue(s.isOpen());
        s.close();
    }

    @Test
    void aProgrammaticClientWithConfiguration() throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().preferredSubprotocols(List.of("chat")).build();
        try (Peer p = Peer.open(Spec.ws(base, "echo"), config)) {
            assertEquals("chat", p.ask("subprotocol"));
            assertEquals(Spec.ws(base, "echo"), p.session.getRequestURI());
        }
    }

    @Test
    void openSessionsOfAClientEndpoint() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "echo"))) {
            assertTrue(p.session.getOpenSessions().contains(p.session));
            assertTrue(p.session.getContainer() instanceof WebSocketContainer);
        }
    }

    @Test
    void containerDefaultsApplyToNewSessions() throws Exception {
        WebSocketContainer c = Spec.client();
        c.setDefaultMaxTextMessageBufferSize(12345);
        c.setDefaultMaxSessionIdleTimeout(54321);
        Peer p = new Peer();
        Session s = c.connectToServer(p, ClientEndpointConfig.Builder.create().build(), Spec.ws(base, "echo"));
        try {
            assertEquals(12345, s.getMaxTextMessageBufferSize());
            assertEquals(54321, s.getMaxIdleTimeout());
        } finally {
            s.close();
        }
    }

    @Test
    void aRefusedHandshakeIsADeploymentException() {
        assertThrows(DeploymentException.class, () -> Peer.open(Spec.ws(base, "nowhere")));
        assertEquals(404, Spec.handshakeStatus(Spec.ws(base, "nowhere"), Map.of()));
    }
}
