package dev.ondine.tck.spec.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** An application that cannot deploy (§5.2.1, §3.1.1): two endpoints at one path, and a valid one. */
public final class DuplicatePathApp {
    private DuplicatePathApp() {
    }

    @ServerEndpoint("/valid")
    public static class Valid {
        @OnMessage
        public String onMessage(String t) {
            return t;
        }
    }

    @ServerEndpoint("/same")
    public static class First {
        @OnMessage
        public String onMessage(String t) {
            return t;
        }
    }

    @ServerEndpoint("/same")
    public static class Second {
        @OnMessage
        public String onMessage(String t) {
            return t;
        }
    }
}
