package dev.ondine.tck.servlet.app;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** Closes itself by its idle timeout, 300 ms after the last message: a close no container event starts. */
@ServerEndpoint("/idle")
public class IdleEndpoint {
    @OnOpen
    public void open(Session session) {
        session.setMaxIdleTimeout(300);
    }
}
