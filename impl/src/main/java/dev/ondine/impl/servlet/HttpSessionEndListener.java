package dev.ondine.impl.servlet;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

/**
 * Tells an application's {@link AuthenticatedHttpSessions} when one of its HTTP sessions
 * ends, invalidated or timed out (the container calls {@code sessionDestroyed} for both), or
 * changes its id (Jakarta WebSocket 2.2 §7.2). Added to each application by
 * {@link OndineServletContainerInitializer}. Cheap for the sessions no WebSocket connection
 * was opened under: one look-up.
 */
final class HttpSessionEndListener implements HttpSessionListener, HttpSessionIdListener {
    private final AuthenticatedHttpSessions sessions;

    HttpSessionEndListener(AuthenticatedHttpSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        sessions.ended(event.getSession().getId());
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        sessions.idChanged(oldSessionId, event.getSession().getId());
    }
}
