package dev.ondine.impl.jakarta.client;

import dev.ondine.impl.client.OndineClients;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The opening handshake as a client sees it (Jakarta WebSocket 2.2 §3.2): the client
 * configurator's {@code beforeRequest} and {@code afterResponse}, subprotocol offers and
 * the (empty) extension negotiation.
 */
class ClientHandshakeNegotiationTest {
    @RegisterExtension
    static final ClientTestServer server = new ClientTestServer();
    private final OndineClientContainer container = OndineClients.newContainer();

    @Test
    void beforeRequestAddsAHeaderTheServerSees() throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put(ServerEndpoints.CLIENT_HEADER, List.of("secret-42"));
                    }
                }).build();
        RecordingEndpoint endpoint = new RecordingEndpoint(new Events());
        Session session = container.connectToServer(endpoint, config, server.uri("/headers"));
        assertEquals("open", endpoint.events.next());
        assertEquals("token:secret-42", endpoint.events.next());
        session.close();
    }

    @Test
    void beforeRequestSeesTheRequestAboutToBeSent() throws Exception {
        AtomicReference<Map<String, List<String>>> seen = new AtomicReference<>();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of("v0.unknown", "v1.ondine"))
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        seen.set(new java.util.TreeMap<>(headers));
                    }
                }).build();
        Session session = container.connectToServer(new RecordingEndpoint(new Events()), config, server.uri("/echo"));
        Map<String, List<String>> headers = seen.get();
        assertEquals(List.of("127.0.0.1:" + server.uri("/echo").getPort()), headers.get("Host"));
        assertEquals(List.of("websocket"), headers.get("Upgrade"));
        assertEquals(List.of("Upgrade"), headers.get("Connection"));
        assertEquals(List.of("13"), headers.get("Sec-WebSocket-Version"));
        assertEquals(24, headers.get("Sec-WebSocket-Key").get(0).length(), "16 random bytes in base64");
        assertEquals(List.of("v0.unknown, v1.ondine"), headers.get("Sec-WebSocket-Protocol"));
        assertEquals("v1.ondine", session.getNegotiatedSubprotocol());
        session.close();
    }

    @Test
    void beforeRequestMayChangeTheSubprotocolOffer() throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of("v1.ondine"))
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("Sec-WebSocket-Protocol", List.of("v2.ondine"));
                    }
                }).build();
        Session session = container.connectToServer(new RecordingEndpoint(new Events()), config, server.uri("/echo"));
        assertEquals("v2.ondine", session.getNegotiatedSubprotocol(), "the offer sent and checked is the changed one");
        session.close();

        ClientEndpointConfig removed = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of("v1.ondine"))
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.remove("sec-websocket-protocol"); // names are case-insensitive
                    }
                }).build();
        Session none = container.connectToServer(new RecordingEndpoint(new Events()), removed, server.uri("/echo"));
        assertEquals("", none.getNegotiatedSubprotocol());
        none.close();
    }

    @Test
    void afterResponseSeesAHeaderTheServerAdded() throws Exception {
        AtomicReference<HandshakeResponse> seen = new AtomicReference<>();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void afterResponse(HandshakeResponse response) {
                        seen.set(response);
                    }
                }).build();
        Session session = container.connectToServer(new RecordingEndpoint(new Events()), config, server.uri("/headers"));
        HandshakeResponse response = seen.get();
        assertNotNull(response, "afterResponse ran before connectToServer returned");
        assertEquals(List.of("hello-client"), response.getHeaders().get(ServerEndpoints.SERVER_HEADER));
        assertEquals(List.of("hello-client"), response.getHeaders().get("x-server-greeting"),
                "header names are case-insensitive");
        assertEquals(List.of("websocket"), lowerCase(response.getHeaders().get("Upgrade")));
        session.close();
    }

    @Test
    void theServerSeesNoTokenWhenTheConfiguratorAddsNone() throws Exception {
        RecordingEndpoint endpoint = new RecordingEndpoint(new Events());
        Session session = container.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(),
                server.uri("/headers"));
        assertEquals("open", endpoint.events.next());
        assertEquals("token:none", endpoint.events.next());
        session.close();
    }

    @Test
    void anAnnotatedClientUsesTheConfiguratorOfItsAnnotation() throws Exception {
        TokenClient client = new TokenClient();
        Session session = container.connectToServer(client, server.uri("/headers"));
        assertEquals("token:from-annotation", client.events.next());
        session.close();
    }

    @Test
    void negotiatesTheFirstOfferedSubprotocolTheServerSupports() throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of("v0.unknown", "v1.ondine", "v2.ondine"))
                .build();
        Session session = container.connectToServer(new RecordingEndpoint(new Events()), config, server.uri("/echo"));
        assertEquals("v1.ondine", session.getNegotiatedSubprotocol());
        session.close();
    }

    @Test
    void negotiatesNoSubprotocolWithoutACommonOne() throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of("mqtt"))
                .build();
        Session session = container.connectToServer(new RecordingEndpoint(new Events()), config, server.uri("/echo"));
        assertEquals("", session.getNegotiatedSubprotocol());
        session.close();

        Session none = container.connectToServer(new RecordingEndpoint(new Events()),
                ClientEndpointConfig.Builder.create().build(), server.uri("/echo"));
        assertEquals("", none.getNegotiatedSubprotocol());
        none.close();
    }

    @Test
    void anAnnotatedClientOffersItsSubprotocols() throws Exception {
        Session session = container.connectToServer(new SubprotocolClient(), server.uri("/echo"));
        assertEquals("v2.ondine", session.getNegotiatedSubprotocol());
        session.close();
    }

    @Test
    void negotiatesPermessageDeflateWhenAskedAndNoExtensionByDefault() throws Exception {
        assertEquals(java.util.List.of("permessage-deflate"),
                container.getInstalledExtensions().stream().map(jakarta.websocket.Extension::getName).toList());
        ClientEndpointConfig on = ClientEndpointConfig.Builder.create().build();
        on.getUserProperties().put("ondine.permessageDeflate", true);
        Session deflating = container.connectToServer(new RecordingEndpoint(new Events()), on, server.uri("/echo"));
        assertEquals(java.util.List.of("permessage-deflate"),
                deflating.getNegotiatedExtensions().stream().map(jakarta.websocket.Extension::getName).toList());
        deflating.close();
        // §3.2.2: the default configuration offers the developer's extensions, none here.
        Session session = container.connectToServer(new RecordingEndpoint(new Events()),
                ClientEndpointConfig.Builder.create().build(), server.uri("/echo"));
        assertTrue(session.getNegotiatedExtensions().isEmpty());
        session.close();
    }

    private static List<String> lowerCase(List<String> values) {
        assertNotNull(values);
        return values.stream().map(v -> v.toLowerCase(java.util.Locale.ROOT)).toList();
    }

    @ClientEndpoint(configurator = TokenConfigurator.class)
    public static class TokenClient {
        final Events events = new Events();

        @OnMessage
        public void text(String message) {
            events.add(message);
        }
    }

    public static class TokenConfigurator extends ClientEndpointConfig.Configurator {
        @Override
        public void beforeRequest(Map<String, List<String>> headers) {
            headers.put(ServerEndpoints.CLIENT_HEADER, List.of("from-annotation"));
        }
    }

    @ClientEndpoint(subprotocols = {"v2.ondine", "v1.ondine"})
    public static class SubprotocolClient {
        @OnMessage
        public void text(String message) {
        }
    }
}
