package dev.ondine.bench.server;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The load tests' broadcast: a text message from any client is sent to every open session of
 * this endpoint (the sender included) with {@code getAsyncRemote().sendText}. Only the portable
 * API: no implementation's own broadcast helper.
 */
@ServerEndpoint("/broadcast")
public class BroadcastEndpoint {
    private static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();

    @OnOpen
    public void onOpen(Session session) {
        SESSIONS.add(session);
    }

    @OnMessage(maxMessageSize = BenchEndpoints.MAX_MESSAGE_BYTES)
    public void onText(String message) {
        for (Session s : SESSIONS) {
            if (s.isOpen()) {
                try {
                    s.getAsyncRemote().sendText(message);
                } catch (RuntimeException e) {
                    // a session closing meanwhile, or a full queue: that receiver misses this one
                }
            }
        }
    }

    @OnClose
    public void onClose(Session session) {
        SESSIONS.remove(session);
    }

    @OnError
    public void onError(Session session, Throwable error) {
        SESSIONS.remove(session);
    }
}
