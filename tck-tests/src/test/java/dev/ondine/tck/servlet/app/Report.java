package dev.ondine.tck.servlet.app;

import jakarta.websocket.Session;

/** What an endpoint of the servlet suite tells the client about the server side. */
public final class Report {
    private Report() {
    }

    /**
     * {@code tag:message who=.. http=.. user=.. impl=SESSION_CLASS}: the path parameter
     * {@code who}, the HTTP session value the configurator saw, the user principal, and the
     * class of the server session (which proves which implementation serves the connection).
     */
    public static String of(String tag, String message, Session session) {
        return tag + ":" + message
                + " who=" + session.getPathParameters().get("who")
                + " http=" + session.getUserProperties().get("httpValue")
                + " user=" + (session.getUserPrincipal() == null ? "none" : session.getUserPrincipal().getName())
                + " impl=" + session.getClass().getName();
    }
}
