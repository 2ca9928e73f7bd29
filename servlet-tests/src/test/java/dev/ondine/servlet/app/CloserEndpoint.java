package dev.ondine.servlet.app;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** Closes the session itself: on a message ("close"), or by its idle timeout ("idle" sets 200 ms). */
@ServerEndpoint("/closer")
public class CloserEndpoint {
    @OnOpen
    public void onOpen(Session session) {
    }

    @OnMessage
    public void onMessage(String message, Session session) throws IOException {
        if (message.equals("idle")) {
            session.setMaxIdleTimeout(200);
            session.getBasicRemote().sendText("idle set");
        } else {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4001), "server closes"));
        }
    }
}
