package dev.ondine.arquillian.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** A valid endpoint at its own path. */
@ServerEndpoint("/other")
public class OtherEndpoint {
    @OnMessage
    public String echo(String message) {
        return "other:" + message;
    }
}
