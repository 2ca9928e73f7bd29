package dev.ondine.payara.app;

import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Answers each message with the message, the server session's class, the container's class,
 * the context class loader's class, and whether CDI injected its {@link Greeter}.
 */
@ServerEndpoint("/who")
public class WhoEndpoint {
    @Inject
    Greeter greeter;

    @OnMessage
    public String who(String message, Session session) {
        return message + "|" + session.getClass().getName() + "|" + session.getContainer().getClass().getName()
                + "|" + Thread.currentThread().getContextClassLoader().getClass().getName()
                + "|" + (greeter == null ? "not injected" : greeter.greet());
    }
}
