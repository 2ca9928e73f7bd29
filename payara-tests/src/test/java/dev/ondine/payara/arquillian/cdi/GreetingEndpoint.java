package dev.ondine.payara.arquillian.cdi;

import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * An annotated endpoint with an injected {@link Greeter}: answers
 * {@code greeting|greeter id|endpoint instance|session class}.
 */
@ServerEndpoint("/greet")
public class GreetingEndpoint {
    @Inject
    Greeter greeter;

    @OnMessage
    public String greet(String name, Session session) {
        if (greeter == null) {
            return "not injected|-|-|" + session.getClass().getName();
        }
        return greeter.greet(name) + "|" + greeter.id() + "|" + System.identityHashCode(this) + "|"
                + session.getClass().getName();
    }
}
