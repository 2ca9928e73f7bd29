package dev.ondine.arquillian.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Takes the path of {@link EchoEndpoint}: both in one archive is a deployment error. */
@ServerEndpoint("/echo")
public class SamePathEndpoint {
    @OnMessage
    public String echo(String message) {
        return message;
    }
}
