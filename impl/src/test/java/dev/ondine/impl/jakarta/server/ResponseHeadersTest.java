package dev.ondine.impl.jakarta.server;

import dev.ondine.api.OndineServer;
import dev.ondine.impl.client.OndineClients;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Jakarta WebSocket 2.2 §3.1.5 / {@code Configurator.modifyHandshake}: the headers a
 * configurator puts in the response reach the client. A configurator may copy every header
 * of the request into the response (the TCK's {@code handshakeresponse} tests do): the
 * handshake then still succeeds, with one {@code Upgrade}, one {@code Connection} and the
 * engine's own {@code Sec-WebSocket-Accept}, the fields the handshake writes itself being
 * ignored in the configurator's map.
 */
class ResponseHeadersTest {

    /** Copies the whole request head into the response, and adds one field of its own. */
    public static final class CopyEverything extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            response.getHeaders().putAll(request.getHeaders());
            response.getHeaders().put("X-Server-Own", List.of("yes"));
        }
    }

    /** Reports the request's parameters as response headers, one header per parameter. */
    public static final class ParametersAsHeaders extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            response.getHeaders().putAll(request.getParameterMap());
        }
    }

    /** Echoes text. */
    public static final class Echo extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) m -> {
                try {
                    session.getBasicRemote().sendText(m);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Connects with a configurator that records the response's headers. */
    private static Map<String, List<String>> responseHeadersOf(OndineServer server, String pathAndQuery) throws Exception {
        BlockingQueue<Map<String, List<String>>> responses = new LinkedBlockingQueue<>();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void afterResponse(HandshakeResponse hr) {
                        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                        copy.putAll(hr.getHeaders());
                        responses.add(copy);
                    }
                }).build();
        Session s = OndineClients.newContainer().connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig c) {
            }
        }, config, URI.create("ws://127.0.0.1:" + server.address().getPort() + pathAndQuery));
        s.close();
        return responses.poll(5, TimeUnit.SECONDS);
    }

    /**
     * {@code HandshakeRequest.getParameterMap} holds the path template's values as well as
     * the query's parameters, in the query's order (the TCK's {@code handshakerequest} tests
     * read both through a configurator that copies the map into the response).
     */
    @Test
    void theParameterMapHoldsPathAndQueryParameters() throws Exception {
        ServerEndpointConfig sec = ServerEndpointConfig.Builder.create(Echo.class, "/params/{first}/{other}")
                .configurator(new ParametersAsHeaders()).build();
        OndineServer server = OndineServer.builder().host("127.0.0.1").port(0).endpoint(sec).start();
        try {
            Map<String, List<String>> headers = responseHeadersOf(server, "/params/one/123.456?second=b&second=a");
            assertNotNull(headers);
            assertEquals(List.of("one"), headers.get("first"));
            assertEquals(List.of("123.456"), headers.get("other"));
            assertEquals(List.of("b", "a"), headers.get("second"));
        } finally {
            server.stop();
        }
    }

    @Test
    void requestHeadersCopiedIntoTheResponseDoNotBreakTheHandshake() throws Exception {
        ServerEndpointConfig sec = ServerEndpointConfig.Builder.create(Echo.class, "/copy")
                .configurator(new CopyEverything()).build();
        OndineServer server = OndineServer.builder().host("127.0.0.1").port(0).endpoint(sec).start();
        try {
            BlockingQueue<Map<String, List<String>>> responses = new LinkedBlockingQueue<>();
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                    .configurator(new ClientEndpointConfig.Configurator() {
                        @Override
                        public void beforeRequest(Map<String, List<String>> headers) {
                            headers.put("X-Client-Sent", List.of("one", "two"));
                        }

                        @Override
                        public void afterResponse(HandshakeResponse hr) {
                            Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                            copy.putAll(hr.getHeaders());
                            responses.add(copy);
                        }
                    }).build();
            BlockingQueue<String> replies = new LinkedBlockingQueue<>();
            Endpoint client = new Endpoint() {
                @Override
                public void onOpen(Session session, EndpointConfig c) {
                    session.addMessageHandler(String.class, (MessageHandler.Whole<String>) replies::add);
                }
            };
            Session s = OndineClients.newContainer().connectToServer(client, config,
                    URI.create("ws://127.0.0.1:" + server.address().getPort() + "/copy"));
            Map<String, List<String>> headers = responses.poll(5, TimeUnit.SECONDS);
            assertNotNull(headers);
            assertEquals(List.of("one", "two"), headers.get("X-Client-Sent"));
            assertEquals(List.of("yes"), headers.get("X-Server-Own"));
            assertEquals(1, headers.get("Upgrade").size(), headers.toString());
            assertEquals(1, headers.get("Connection").size(), headers.toString());
            s.getBasicRemote().sendText("still open");
            assertEquals("still open", replies.poll(5, TimeUnit.SECONDS));
            s.close();
        } finally {
            server.stop();
        }
    }
}
