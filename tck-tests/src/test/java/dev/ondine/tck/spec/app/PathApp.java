package dev.ondine.tck.spec.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/** URI templates (§3.1.1): exact paths before templates, then the longer literal prefix wins. */
public final class PathApp {
    private PathApp() {
    }

    @ServerEndpoint("/a/b")
    public static class Exact {
        @OnMessage
        public String onMessage(String t) {
            return "exact";
        }
    }

    @ServerEndpoint("/a/{x}")
    public static class OneVariable {
        @OnMessage
        public String onMessage(String t, @PathParam("x") String x) {
            return "a/{x} x=" + x;
        }
    }

    @ServerEndpoint("/a/{x}/c")
    public static class VariableThenLiteral {
        @OnMessage
        public String onMessage(String t, @PathParam("x") String x) {
            return "a/{x}/c x=" + x;
        }
    }

    @ServerEndpoint("/a/{x}/{y}")
    public static class TwoVariables {
        @OnMessage
        public String onMessage(String t, Session s) {
            return "a/{x}/{y} " + s.getPathParameters().get("x") + "," + s.getPathParameters().get("y");
        }
    }

    @ServerEndpoint("/{any}/b/c")
    public static class LeadingVariable {
        @OnMessage
        public String onMessage(String t) {
            return "{any}/b/c";
        }
    }

    @ServerEndpoint("/typed/{n}/{flag}")
    public static class Typed {
        @OnMessage
        public String onMessage(String t, @PathParam("n") int n, @PathParam("flag") boolean flag) {
            return "n+1=" + (n + 1) + " flag=" + flag;
        }
    }
}
