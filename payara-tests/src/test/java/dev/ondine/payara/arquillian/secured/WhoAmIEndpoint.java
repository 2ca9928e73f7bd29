package dev.ondine.payara.arquillian.secured;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** Behind a BASIC security constraint: answers {@code principal name|session class}. */
@ServerEndpoint("/secure/who")
public class WhoAmIEndpoint {
    @OnMessage
    public String who(String ignored, Session session) {
        return (session.getUserPrincipal() == null ? "none" : session.getUserPrincipal().getName())
                + "|" + session.getClass().getName();
    }
}
