package dev.ondine.payara.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** Answers each message with the message, the server session's class and the container's class. */
@ServerEndpoint("/who")
public class WhoEndpoint {
    @OnMessage
    public String who(String message, Session session) {
        return message + "|" + session.getClass().getName() + "|" + session.getContainer().getClass().getName()
                + "|" + Thread.currentThread().getContextClassLoader().getClass().getName();
    }
}
