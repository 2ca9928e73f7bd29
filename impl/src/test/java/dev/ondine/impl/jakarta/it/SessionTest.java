package dev.ondine.impl.jakarta.it;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's {@link Session} (Jakarta WebSocket 2.2 §2.1.1 and the Session javadoc). */
class SessionTest {

    static final BlockingQueue<Session> CLOSED_SESSIONS = new LinkedBlockingQueue<>();

    /** Answers commands about its own session. */
    @ServerEndpoint("/session/{room}")
    public static class Inspect {
        @OnMessage
        public String command(String command, Session session) throws IOException {
            String[] parts = command.split(":", 2);
            String arg = parts.length > 1 ? parts[1] : "";
            switch (parts[0]) {
                case "id":
                    return session.getId();
                case "uri":
                    return session.getRequestURI() + "|" + session.getQueryString();
                case "params":
                    return new TreeMap<>(session.getRequestParameterMap()) + "|" + session.getPathParameters();
                case "misc":
                    return session.getUserPrincipal() + "|" + session.getNegotiatedSubprotocol().isEmpty() + "|"
                            + session.getNegotiatedExtensions() + "|" + session.isSecure() + "|"
                            + session.getProtocolVersion() + "|" + session.getContainer().getClass().getSimpleName();
                case "open":
                    return session.getOpenSessions().stream().map(Session::getId).collect(Collectors.toCollection(TreeSet::new))
                            .toString();
                case "put":
                    String[] kv = arg.split("=", 2);
                    session.getUserProperties().put(kv[0], kv[1]);
                    return "put";
                case "get":
                    return String.valueOf(session.getUserProperties().get(arg));
                case "idle":
                    session.setMaxIdleTimeout(Long.parseLong(arg));
                    return "idle " + session.getMaxIdleTimeout();
                case "max-text":
                    session.setMaxTextMessageBufferSize(Integer.parseInt(arg));
                    return "max-text " + session.getMaxTextMessageBufferSize();
                case "close":
                    session.close();
                    return null;
                case "close-reason":
                    session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4002), "custom reason"));
                    return null;
                default:
                    return command.length() + " chars";
            }
        }

        @OnClose
        public void close(Session session) {
            CLOSED_SESSIONS.add(session);
        }
    }

    @ServerEndpoint("/other")
    public static class Other {
        @OnMessage
        public String command(String command, Session session) {
            return session.getOpenSessions().size() + " open";
        }
    }

    @ServerEndpoint(value = "/proto", subprotocols = {"b", "c"})
    public static class Proto {
        @OnOpen
        public void open(Session session) throws IOException {
            session.getBasicRemote().sendText("subprotocol=" + session.getNegotiatedSubprotocol());
        }
    }

    @RegisterExtension
    static final RunningServer SERVER = RunningServer.with(b -> b.endpoint(Inspect.class, Other.class, Proto.class));


    @Test
    void idsAreUnique() throws Exception {
        try (EventClient a = SERVER.connect("/session/r"); EventClient b = SERVER.connect("/session/r")) {
            assertNotEquals(a.ask("id"), b.ask("id"));
        }
    }

    @Test
    void openSessionsAreThoseOfTheSameEndpoint() throws Exception {
        try (EventClient a = SERVER.connect("/session/r1"); EventClient b = SERVER.connect("/session/r2");
             EventClient other = SERVER.connect("/other")) {
            String ids = new TreeSet<>(List.of(a.ask("id"), b.ask("id"))).toString();
            assertEquals(ids, a.ask("open"));
            assertEquals("1 open", other.ask("?"));
            b.close();
            b.nextClose();
            Waits.until(() -> !CLOSED_SESSIONS.isEmpty(), "server onClose");
            assertEquals("[" + a.ask("id") + "]", a.ask("open"));
        }
    }

    @Test
    void userPropertiesBelongToOneSession() throws Exception {
        try (EventClient a = SERVER.connect("/session/r"); EventClient b = SERVER.connect("/session/r")) {
            assertEquals("put", a.ask("put:colour=red"));
            assertEquals("red", a.ask("get:colour"));
            assertEquals("null", b.ask("get:colour"));
        }
    }

    @Test
    void requestUriQueryAndParameters() throws Exception {
        try (EventClient c = SERVER.connect("/session/lobby?x=1&y=a%20b&x=2")) {
            String port = String.valueOf(SERVER.server().address().getPort());
            assertEquals("ws://127.0.0.1:" + port + "/session/lobby?x=1&y=a%20b&x=2|x=1&y=a%20b&x=2", c.ask("uri"));
            // Path parameters are request parameters too (as on Tomcat and Tyrus; the TCK's
            // handshakerequest tests read them from HandshakeRequest.getParameterMap).
            assertEquals("{room=[lobby], x=[1, 2], y=[a b]}|{room=lobby}", c.ask("params"));
        }
        try (EventClient c = SERVER.connect("/session/lobby")) {
            assertTrue(c.ask("uri").endsWith("/session/lobby|null"));
            assertEquals("{room=[lobby]}|{room=lobby}", c.ask("params"));
        }
    }

    @Test
    void principalNullNoExtensionByDefaultNotSecureVersion13() throws Exception {
        // A default client configuration offers no extension (§3.2.2); the server accepts
        // permessage-deflate when a client asks for it (PerMessageDeflateEndToEndTest).
        try (EventClient c = SERVER.connect("/session/r")) {
            assertEquals("null|true|[]|false|13|OndineServerContainer", c.ask("misc"));
        }
    }

    @Test
    void negotiatedSubprotocolIsTheClientsFirstThatTheServerSupports() throws Exception {
        ClientEndpointConfig offer = ClientEndpointConfig.Builder.create().preferredSubprotocols(List.of("a", "c", "b")).build();
        try (EventClient c = EventClient.connect(SERVER.uri("/proto"), offer)) {
            assertEquals("subprotocol=c", c.nextText());
            assertEquals("c", c.session.getNegotiatedSubprotocol());
        }
        ClientEndpointConfig none = ClientEndpointConfig.Builder.create().preferredSubprotocols(List.of("a", "z")).build();
        try (EventClient c = EventClient.connect(SERVER.uri("/proto"), none)) {
            assertEquals("subprotocol=", c.nextText());
            assertEquals("", c.session.getNegotiatedSubprotocol());
        }
    }

    @Test
    void clientOffersAThenBServerSupportsOnlyB() throws Exception {
        ClientEndpointConfig offer = ClientEndpointConfig.Builder.create().preferredSubprotocols(List.of("a", "b")).build();
        try (EventClient c = EventClient.connect(SERVER.uri("/proto"), offer)) {
            assertEquals("subprotocol=b", c.nextText());
        }
    }

    @Test
    void idleTimeoutClosesTheSessionWith1001() throws Exception {
        // The specification names the code the timed-out side reports (1006, §2.1.5), not the one
        // sent; Ondine sends 1001 (going away).
        try (EventClient c = SERVER.connect("/session/r")) {
            assertEquals("idle 200", c.ask("idle:200"));
            CloseReason reason = c.nextClose();
            assertEquals(CloseReason.CloseCodes.GOING_AWAY, reason.getCloseCode());
        }
    }

    @Test
    void maxTextMessageBufferSizeExceededClosesWith1009() throws Exception {
        try (EventClient c = SERVER.connect("/session/r")) {
            assertEquals("max-text 8", c.ask("max-text:8"));
            assertEquals("8 chars", c.ask("12345678"));
            c.send("123456789");
            c.assertClosedWith(CloseReason.CloseCodes.TOO_BIG);
        }
    }

    @Test
    void closeSendsNormalClosure() throws Exception {
        try (EventClient c = SERVER.connect("/session/r")) {
            c.send("close");
            CloseReason reason = c.nextClose();
            assertEquals(CloseReason.CloseCodes.NORMAL_CLOSURE, reason.getCloseCode());
            assertEquals("", reason.getReasonPhrase());
        }
    }

    @Test
    void closeWithReasonSendsCodeAndReason() throws Exception {
        try (EventClient c = SERVER.connect("/session/r")) {
            c.send("close-reason");
            CloseReason reason = c.nextClose();
            assertEquals(4002, reason.getCloseCode().getCode());
            assertEquals("custom reason", reason.getReasonPhrase());
        }
    }

    @Test
    void methodsOfAClosedSessionThrowExceptCloseIsOpenAndGetId() throws Exception {
        CLOSED_SESSIONS.clear();
        EventClient c = SERVER.connect("/session/r");
        c.send("close");
        c.nextClose();
        Session s = Waits.next(CLOSED_SESSIONS, "server onClose");
        // onClose has returned once the session's methods start to throw
        Waits.until(() -> throwsIllegalState(Session::getUserProperties, s), "the session to be closed");
        List<Consumer<Session>> calls = List.of(
                Session::getContainer, Session::getBasicRemote, Session::getAsyncRemote,
                Session::getUserProperties, Session::getRequestURI, Session::getQueryString,
                Session::getRequestParameterMap, Session::getPathParameters, Session::getUserPrincipal,
                Session::getOpenSessions, Session::getNegotiatedSubprotocol, Session::getNegotiatedExtensions,
                Session::isSecure, Session::getProtocolVersion, Session::getMaxIdleTimeout,
                Session::getMaxTextMessageBufferSize, Session::getMaxBinaryMessageBufferSize,
                Session::getMessageHandlers, x -> x.setMaxIdleTimeout(1), x -> x.setMaxTextMessageBufferSize(1),
                x -> x.setMaxBinaryMessageBufferSize(1), x -> x.addMessageHandler(String.class, m -> { }),
                x -> x.removeMessageHandler((MessageHandler.Whole<String>) m -> { }));
        for (int i = 0; i < calls.size(); i++) {
            int index = i;
            assertTrue(throwsIllegalState(calls.get(i), s), () -> "call " + index + " did not throw IllegalStateException");
        }
        // Exempt: the close methods (a no-op now), isOpen, which must be able to answer false, and
        // getId, which identifies the session in logs and maps after the close too.
        assertDoesNotThrow(() -> s.getId());
        assertDoesNotThrow(() -> s.close());
        assertDoesNotThrow(() -> s.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "again")));
        assertFalse(s.isOpen());
        assertTrue(c.closes.isEmpty(), "no second close reaches the client");
        assertThrows(IllegalStateException.class, () -> s.getBasicRemote());
    }

    private static boolean throwsIllegalState(Consumer<Session> call, Session s) {
        try {
            call.accept(s);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    @Test
    void closeTwiceFromTheClientIsANoOp() throws Exception {
        EventClient c = SERVER.connect("/session/r");
        c.session.close();
        c.session.close();
        assertEquals(CloseReason.CloseCodes.NORMAL_CLOSURE, c.nextClose().getCloseCode());
        Waits.until(() -> {
            try {
                c.session.getUserProperties();
                return false;
            } catch (IllegalStateException e) {
                return true;
            }
        }, "client session closed");
        assertDoesNotThrow(() -> c.session.close());
        assertTrue(c.closes.isEmpty());
    }
}
