package dev.ondine.tck.spec.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** An application that cannot deploy (§5.2.1, §4.7): an invalid endpoint, and a valid one. */
public final class InvalidEndpointApp {
    private InvalidEndpointApp() {
    }

    @ServerEndpoint("/valid")
    public static class Valid {
        @OnMessage
        public String onMessage(String t) {
            return t;
        }
    }

    /** Two methods for whole text messages. */
    @ServerEndpoint("/two-text-methods")
    public static class TwoTextMethods {
        @OnMessage
        public String one(String t) {
            return t;
        }

        @OnMessage
        public String two(String t) {
            return t;
        }
    }
}
