package dev.ondine.payara.arquillian.check;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** Answers with the class of the server session that serves it (added to every WAR by ArchiveForPayara). */
@ServerEndpoint(ServedByEndpoint.PATH)
public class ServedByEndpoint {
    public static final String PATH = "/ondine-check/served-by";

    @OnMessage
    public String servedBy(String ignored, Session session) {
        return session.getClass().getName();
    }
}
