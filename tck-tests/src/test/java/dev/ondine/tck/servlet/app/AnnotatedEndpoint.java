package dev.ondine.tck.servlet.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/** An annotated endpoint found by scanning the WAR. */
@ServerEndpoint("/annotated/{who}")
public class AnnotatedEndpoint {
    @OnMessage
    public String echo(String message, @PathParam("who") String who, Session session) {
        return Report.of("annotated", message, session);
    }
}
