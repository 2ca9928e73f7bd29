package dev.ondine.servlet.app;

import jakarta.websocket.Session;

/** What an endpoint of the test application tells the client about the server side. */
public final class Report {
    private Report() {
    }

    /** The session's class (proves who serves the connection) and the thread's context class loader. */
    public static String of(Session session) {
        ClassLoader tccl = Thread.currentThread().getContextClassLoader();
        return "impl=" + session.getClass().getName() + " tccl=" + (tccl == null ? "null" : tccl.getClass().getName())
                + " appLoader=" + (tccl == Report.class.getClassLoader());
    }
}
