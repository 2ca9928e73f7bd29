package dev.ondine.samples.secure;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** An echo that only authenticated clients reach (see {@link TokenConfigurator}). */
@ServerEndpoint(value = "/secure", configurator = TokenConfigurator.class)
public class SecureEchoEndpoint {

    @OnMessage
    public String echo(String message, Session session) {
        return Boolean.TRUE.equals(session.getUserProperties().get(TokenConfigurator.USER_PROPERTY))
                ? message : "unauthenticated";
    }
}
