package dev.ondine.tck.spec.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** The server side of the client container tests: an echo that tells the subprotocol and a header. */
public final class ClientApp {
    private ClientApp() {
    }

    @ServerEndpoint(value = "/echo", subprotocols = {"chat", "json"})
    public static class Echo {
        @OnMessage
        public String onMessage(String text, Session s) {
            return text.equals("subprotocol") ? s.getNegotiatedSubprotocol() : text;
        }
    }
}
