package dev.ondine.servlet.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Left out by {@link AppConfig}: never deployed. */
@ServerEndpoint("/excluded")
public class ExcludedEndpoint {
    @OnMessage
    public String echo(String s) {
        return s;
    }
}
