package dev.ondine.impl.jakarta.session;

import dev.ondine.impl.core.WebSocketConnection;
import jakarta.websocket.Session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open sessions of one endpoint (Jakarta WebSocket 2.2 {@code Session.getOpenSessions}:
 * the sessions connected to the same endpoint as a given session).
 */
public final class SessionRegistry {
    private final Set<OndineSession> sessions = ConcurrentHashMap.newKeySet();

    void add(OndineSession s) {
        sessions.add(s);
    }

    void remove(OndineSession s) {
        sessions.remove(s);
    }

    /** A copy holding the sessions that are open now. */
    public Set<Session> openSessions() {
        Set<Session> copy = new HashSet<>();
        for (OndineSession s : sessions) {
            if (s.isOpen()) {
                copy.add(s);
            }
        }
        return Collections.unmodifiableSet(copy);
    }

    /** Every session registered, open or closing. */
    public Set<OndineSession> all() {
        return Collections.unmodifiableSet(new HashSet<>(sessions));
    }

    /** The connections of the registered sessions (for the gauges of the metrics). */
    public List<WebSocketConnection> connections() {
        List<WebSocketConnection> list = new ArrayList<>(sessions.size());
        for (OndineSession s : sessions) {
            WebSocketConnection c = s.connection();
            if (c != null) {
                list.add(c);
            }
        }
        return list;
    }

    public int size() {
        return sessions.size();
    }
}
