package dev.ondine.tck.spec.app;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;

/** The Session (§2.1.1 and the Session javadoc): what it tells, per-session state, the closed-session rules. */
public final class SessionApp {
    private SessionApp() {
    }

    @ServerEndpoint("/info/{name}")
    public static class Info {
        @OnMessage
        public String onMessage(String what, Session s) {
            return switch (what) {
                case "uri" -> s.getRequestURI().getPath();
                case "query" -> String.valueOf(s.getQueryString());
                case "params" -> String.valueOf(s.getRequestParameterMap().get("a"));
                case "path" -> s.getPathParameters().toString();
                case "id" -> s.getId();
                case "open" -> s.isOpen() + ":" + s.getOpenSessions().size() + ":" + s.getOpenSessions().contains(s);
                case "secure" -> String.valueOf(s.isSecure());
                case "count" -> {
                    Integer n = (Integer) s.getUserProperties().getOrDefault("n", 0);
                    s.getUserProperties().put("n", n + 1);
                    yield String.valueOf(n + 1);
                }
                default -> "?";
            };
        }
    }

    @ServerEndpoint("/idle")
    public static class Idle {
        @OnOpen
        public void onOpen(Session s) {
            s.setMaxIdleTimeout(300);
        }

        @OnMessage
        public String onMessage(String text, Session s) {
            return String.valueOf(s.getMaxIdleTimeout());
        }

        @OnClose
        public void onClose(CloseReason reason) {
            Probe.record("idle close " + reason.getCloseCode().getCode());
        }
    }

    /** Closes itself, then tries the session methods that must throw IllegalStateException once closed. */
    @ServerEndpoint("/closed-rules")
    public static class ClosedRules {
        @OnMessage
        public void onMessage(String text, Session s) throws IOException {
            s.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "closing"));
        }

        @OnClose
        public void onClose(Session s) {
            Probe.record("in onClose getId works: " + !s.getId().isEmpty());
        }
    }

    @ServerEndpoint("/after-close")
    public static class AfterClose {
        private static volatile Session last;

        @OnMessage
        public String onMessage(String text, Session s) throws IOException {
            if (text.equals("keep")) {
                last = s;
                return "kept";
            }
            Session old = last;
            StringBuilder sb = new StringBuilder("open=" + old.isOpen());
            for (String call : new String[] {"getBasicRemote", "getAsyncRemote", "addMessageHandler", "getUserProperties"}) {
                try {
                    switch (call) {
                        case "getBasicRemote" -> old.getBasicRemote();
                        case "getAsyncRemote" -> old.getAsyncRemote();
                        case "addMessageHandler" -> old.addMessageHandler(String.class, t -> { });
                        default -> old.getUserProperties();
                    }
                    sb.append(' ').append(call).append("=ok");
                } catch (IllegalStateException e) {
                    sb.append(' ').append(call).append("=ISE");
                }
            }
            old.close(); // closing a closed session has no effect
            return sb.toString();
        }
    }
}
