package dev.ondine.arquillian.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** Echoes text, prefixed with what the server knows of the session and the thread. */
@ServerEndpoint("/echo")
public class EchoEndpoint {
    @OnMessage
    public String echo(String message, Session session) {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        return message + "|" + session.getRequestURI().getPath() + "|" + (tccl == EchoEndpoint.class.getClassLoader())
                + "|" + (EchoEndpoint.class.getClassLoader() == ClassLoader.getSystemClassLoader());
    }
}
