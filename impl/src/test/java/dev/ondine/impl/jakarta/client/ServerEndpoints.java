package dev.ondine.impl.jakarta.client;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.util.List;

/** The server side the client tests talk to, deployed on an Ondine server in each test class. */
final class ServerEndpoints {
    static final String CLIENT_HEADER = "X-Client-Token";
    static final String SERVER_HEADER = "X-Server-Greeting";

    private ServerEndpoints() {
    }

    /** Echoes text; offers two subprotocols. */
    @ServerEndpoint(value = "/echo", subprotocols = {"v2.ondine", "v1.ondine"})
    public static class Echo {
        @OnMessage(maxMessageSize = 4 * 1024 * 1024)
        public String echo(String message) {
            return message;
        }
    }

    /**
     * On open, sends back what its configurator read from the client's {@value #CLIENT_HEADER}
     * request header; the configurator also adds {@value #SERVER_HEADER} to the response.
     */
    @ServerEndpoint(value = "/headers", configurator = HeaderConfigurator.class)
    public static class Headers {
        @OnOpen
        public void open(Session session) throws IOException {
            session.getBasicRemote().sendText("token:" + session.getUserProperties().get(CLIENT_HEADER));
        }
    }

    public static class HeaderConfigurator extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            List<String> token = request.getHeaders().get(CLIENT_HEADER);
            sec.getUserProperties().put(CLIENT_HEADER, token == null ? "none" : String.join(",", token));
            response.getHeaders().put(SERVER_HEADER, List.of("hello-client"));
        }
    }

    /** Refuses every origin: a handshake that carries Origin gets 403. */
    @ServerEndpoint(value = "/guarded", configurator = NoOrigin.class)
    public static class Guarded {
        @OnMessage
        public String echo(String message) {
            return message;
        }
    }

    public static class NoOrigin extends ServerEndpointConfig.Configurator {
        @Override
        public boolean checkOrigin(String originHeaderValue) {
            return false;
        }
    }
}
