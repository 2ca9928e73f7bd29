package dev.ondine.impl.jakarta.client;

import dev.ondine.impl.client.OndineClients;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code WebSocketContainer.connectToServer} in its four forms (Jakarta WebSocket 2.2 §2.1,
 * §6.1) against an Ondine server: the session comes back open, after the endpoint's
 * {@code onOpen}, and invalid endpoints are refused before any connection is made.
 */
class ClientConnectTest {
    @RegisterExtension
    static final ClientTestServer server = new ClientTestServer();
    private final OndineClientContainer container = OndineClients.newContainer();

    @Test
    void containerProviderReturnsOndinesContainer() {
        WebSocketContainer c = ContainerProvider.getWebSocketContainer();
        assertInstanceOf(OndineClientContainer.class, c);
        assertNotSame(c, ContainerProvider.getWebSocketContainer(), "a new container per call");
    }

    @Test
    void connectsAnAnnotatedInstance() throws Exception {
        Events events = new Events();
        AnnotatedClient client = new AnnotatedClient(events);
        Session session = container.connectToServer(client, server.uri("/echo"));
        assertTrue(session.isOpen());
        assertTrue(client.opened, "onOpen ran before connectToServer returned");
        assertSame(container, session.getContainer());
        ClientTestServer.assertEchoesAndCloses(session, events, "hello");
    }

    @Test
    void connectsAnAnnotatedClass() throws Exception {
        Session session = container.connectToServer(AnnotatedClient.class, server.uri("/echo"));
        assertTrue(session.isOpen());
        ClientTestServer.assertEchoesAndCloses(session, AnnotatedClient.CLASS_EVENTS, "from a class");
    }

    @Test
    void connectsAnEndpointInstanceWithItsConfig() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint(new Events());
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put("marker", "m1");
        Session session = container.connectToServer(endpoint, config, server.uri("/echo?a=1&b=x%20y&a=2"));
        assertTrue(session.isOpen());
        assertTrue(endpoint.opened, "onOpen ran before connectToServer returned");
        assertEquals("m1", session.getUserProperties().get("marker"), "the config's user properties, copied");
        assertEquals(server.uri("/echo?a=1&b=x%20y&a=2"), session.getRequestURI());
        assertEquals("a=1&b=x%20y&a=2", session.getQueryString());
        assertEquals(java.util.Map.of("a", java.util.List.of("1", "2"), "b", java.util.List.of("x y")),
                session.getRequestParameterMap());
        ClientTestServer.assertEchoesAndCloses(session, endpoint.events, "programmatic");
    }

    @Test
    void connectsAnEndpointClass() throws Exception {
        Session session = container.connectToServer(RecordingEndpoint.class,
                ClientEndpointConfig.Builder.create().build(), server.uri("/echo"));
        assertTrue(session.isOpen());
        ClientTestServer.assertEchoesAndCloses(session, RecordingEndpoint.CLASS_EVENTS, "by class");
    }

    @Test
    void returnsOnlyOnceASlowOnOpenHasFinished() throws Exception {
        SlowOpen endpoint = new SlowOpen();
        Session session = container.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(),
                server.uri("/echo"));
        assertTrue(endpoint.finished, "connectToServer returned before onOpen had finished");
        session.close();
    }

    @Test
    void refusesAClassWithoutClientEndpoint() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> container.connectToServer(NotAnnotated.class, server.uri("/echo")));
        assertTrue(e.getMessage().contains("@ClientEndpoint"), e.getMessage());
        assertThrows(DeploymentException.class,
                () -> container.connectToServer(new NotAnnotated(), server.uri("/echo")));
    }

    @Test
    void refusesAnInvalidOnMessage() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> container.connectToServer(TwoMessageParameters.class, server.uri("/echo")));
        assertTrue(e.getMessage().contains("TwoMessageParameters"), e.getMessage());
        assertThrows(DeploymentException.class,
                () -> container.connectToServer(new TwoMessageParameters(), server.uri("/echo")));
        assertThrows(DeploymentException.class,
                () -> container.connectToServer(new NoDecoderFor(), server.uri("/echo")));
    }

    @Test
    void refusesAnEndpointClassItCannotInstantiate() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> container.connectToServer(NoDefaultConstructor.class,
                        ClientEndpointConfig.Builder.create().build(), server.uri("/echo")));
        assertTrue(e.getMessage().contains("no-argument constructor"), e.getMessage());
    }

    @Test
    void refusesAUriThatIsNotWebSocket() {
        assertThrows(DeploymentException.class, () -> container.connectToServer(new RecordingEndpoint(new Events()),
                ClientEndpointConfig.Builder.create().build(), java.net.URI.create("http://127.0.0.1:1/echo")));
    }

    @ClientEndpoint
    public static class AnnotatedClient {
        static final Events CLASS_EVENTS = new Events();
        final Events events;
        volatile boolean opened;

        public AnnotatedClient() {
            this(CLASS_EVENTS);
        }

        AnnotatedClient(Events events) {
            this.events = events;
        }

        @OnOpen
        public void open(Session session) {
            opened = true;
            events.add("open");
        }

        @OnMessage
        public void text(String message) {
            events.add(message);
        }

        @OnClose
        public void close(CloseReason reason) {
            events.add(reason);
        }
    }

    public static class SlowOpen extends Endpoint {
        volatile boolean finished;

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished = true;
        }
    }

    public static class NotAnnotated {
        @OnMessage
        public void text(String message) {
        }
    }

    @ClientEndpoint
    public static class TwoMessageParameters {
        @OnMessage
        public void text(String message, String another) {
        }
    }

    /** A message type no decoder of the endpoint handles. */
    @ClientEndpoint
    public static class NoDecoderFor {
        @OnMessage
        public void text(Thread message) {
        }
    }

    public static class NoDefaultConstructor extends Endpoint {
        public NoDefaultConstructor(String required) {
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }
}
