package dev.ondine.servlet.broken;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Valid, but its application's deployment fails: it must not be served. */
@ServerEndpoint("/good")
public class GoodEndpoint {
    @OnMessage
    public String echo(String s) {
        return s;
    }
}
