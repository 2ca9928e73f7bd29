package dev.ondine.servlet.broken;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Two text message methods: a deployment error (Jakarta WebSocket 2.2 §4.7, §5.2.1). */
@ServerEndpoint("/invalid")
public class InvalidEndpoint {
    @OnMessage
    public String one(String s) {
        return s;
    }

    @OnMessage
    public String two(String s, boolean last) {
        return s;
    }
}
