package dev.ondine.impl.servlet;

import dev.ondine.api.Limits;
import dev.ondine.impl.core.ConnectionListener;
import dev.ondine.impl.jakarta.server.HandshakeContext;
import dev.ondine.impl.transport.Upgrade;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static dev.ondine.impl.servlet.ServletFakes.httpSession;
import static dev.ondine.impl.servlet.ServletFakes.user;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Jakarta WebSocket 2.2 §7.2 [WSC-7.2-3] on the servlet transport: a connection opened under an
 * authenticated HTTP session closes with 1008 when that session ends, whenever that happens;
 * other connections do not; and nothing stays registered once a connection or its HTTP session
 * has ended.
 */
class AuthenticatedHttpSessionsTest {
    private static final String CLOSE_1008 = "1008 " + AuthenticatedHttpSessions.REASON;

    private final AuthenticatedHttpSessions sessions = new AuthenticatedHttpSessions();

    private static Upgrade upgrade(ConnectionListener listener) {
        return Upgrade.of(listener, Limits.defaults());
    }

    private ServletFakes.Wire openUnder(HttpSession httpSession, ServletFakes.Events events) {
        Upgrade bound = sessions.bind(upgrade(events), new HandshakeContext(user("alice"), null, httpSession));
        return ServletFakes.open(bound.listener());
    }

    @Test
    void theEndOfTheAuthenticatedHttpSessionClosesTheConnectionWith1008() {
        ServletFakes.Events events = new ServletFakes.Events();
        ServletFakes.Wire wire = openUnder(httpSession("S1"), events);
        assertEquals(1, sessions.size());
        assertNull(wire.closeFrame());

        new HttpSessionEndListener(sessions).sessionDestroyed(new HttpSessionEvent(httpSession("S1")));

        assertEquals(CLOSE_1008, wire.closeFrame(), "the peer gets 1008 and the reason");
        assertEquals(0, sessions.size(), "forgotten as the HTTP session ends");
        wire.connection.onTransportClosed(null); // the closing handshake ends
        assertEquals(List.of("open", "close " + CLOSE_1008), events.events, "the endpoint is told 1008 too");
    }

    @Test
    void anHttpSessionThatEndsBeforeTheConnectionOpensClosesItAsItOpens() {
        ServletFakes.Events events = new ServletFakes.Events();
        Upgrade bound = sessions.bind(upgrade(events), new HandshakeContext(user("alice"), null, httpSession("S1")));
        sessions.ended("S1"); // between the 101 and the container's init of the upgraded connection
        ServletFakes.Wire wire = ServletFakes.open(bound.listener());
        assertEquals(CLOSE_1008, wire.closeFrame());
        assertEquals(List.of("open"), events.events, "the endpoint opened first, then is closed");
    }

    @Test
    void anHttpSessionInvalidatedDuringTheHandshakeClosesTheConnectionAsItOpens() {
        HttpSession invalidated = httpSession("S1");
        invalidated.invalidate();
        ServletFakes.Events events = new ServletFakes.Events();
        Upgrade bound = sessions.bind(upgrade(events), new HandshakeContext(user("alice"), null, invalidated));
        assertEquals(0, sessions.size());
        assertEquals(CLOSE_1008, ServletFakes.open(bound.listener()).closeFrame());
    }

    @Test
    void withoutAUserOrWithoutAnHttpSessionNothingIsWatched() {
        ServletFakes.Events events = new ServletFakes.Events();
        Upgrade plain = upgrade(events);
        assertSame(plain, sessions.bind(plain, new HandshakeContext(null, null, httpSession("S1"))),
                "§7.2: an identity the endpoint did not require may lapse without a close");
        assertSame(plain, sessions.bind(plain, new HandshakeContext(user("alice"), null, null)));
        assertSame(plain, sessions.bind(plain, HandshakeContext.NONE));
        assertEquals(0, sessions.size());
        ServletFakes.Wire wire = ServletFakes.open(plain.listener());
        sessions.ended("S1");
        assertNull(wire.closeFrame());
    }

    @Test
    void onlyTheConnectionsOfTheEndedHttpSessionClose() {
        ServletFakes.Wire a1 = openUnder(httpSession("A"), new ServletFakes.Events());
        ServletFakes.Wire a2 = openUnder(httpSession("A"), new ServletFakes.Events());
        ServletFakes.Wire b = openUnder(httpSession("B"), new ServletFakes.Events());
        assertEquals(3, sessions.size());
        assertEquals(2, sessions.httpSessions());
        sessions.ended("A");
        assertEquals(CLOSE_1008, a1.closeFrame());
        assertEquals(CLOSE_1008, a2.closeFrame());
        assertNull(b.closeFrame());
        assertEquals(1, sessions.size());
        assertDoesNotThrow(() -> sessions.ended("unknown"));
    }

    @Test
    void aConnectionThatEndsIsForgotten() {
        List<ServletFakes.Wire> wires = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            wires.add(openUnder(httpSession("S" + (i % 10)), new ServletFakes.Events()));
        }
        assertEquals(1000, sessions.size());
        for (ServletFakes.Wire w : wires) {
            w.connection.onTransportClosed(null); // the peer went away
        }
        assertEquals(0, sessions.size(), "no entry outlives its connection");
        assertEquals(0, sessions.httpSessions(), "no empty set is left behind");
        sessions.ended("S1");
        for (ServletFakes.Wire w : wires) {
            assertNull(w.closeFrame());
        }
    }

    @Test
    void anUpgradeTheContainerRefusedIsForgotten() {
        Upgrade bound = sessions.bind(upgrade(new ServletFakes.Events()),
                new HandshakeContext(user("alice"), null, httpSession("S1")));
        assertEquals(1, sessions.size());
        sessions.unbind(bound);
        assertEquals(0, sessions.size());
    }

    @Test
    void theConnectionsFollowTheHttpSessionsNewId() {
        ServletFakes.Wire wire = openUnder(httpSession("before-login"), new ServletFakes.Events());
        HttpSession renamed = httpSession("after-login");
        new HttpSessionEndListener(sessions).sessionIdChanged(new HttpSessionEvent(renamed), "before-login");
        sessions.ended("before-login");
        assertNull(wire.closeFrame(), "the old id is gone");
        sessions.ended("after-login");
        assertEquals(CLOSE_1008, wire.closeFrame());
        assertEquals(0, sessions.size());
    }

    @Test
    void theEndIsReportedOnceEvenIfTheHttpSessionEndsAgain() {
        ServletFakes.Events events = new ServletFakes.Events();
        ServletFakes.Wire wire = openUnder(httpSession("S1"), events);
        sessions.ended("S1");
        sessions.ended("S1");
        wire.connection.onTransportClosed(null);
        assertEquals(List.of("open", "close " + CLOSE_1008), events.events);
    }

    @Test
    void theWrapperPassesOnEverythingElse() {
        ServletFakes.Events events = new ServletFakes.Events();
        Upgrade bound = sessions.bind(upgrade(events), new HandshakeContext(user("alice"), null, httpSession("S1")));
        assertInstanceOf(AuthenticatedConnection.class, bound.listener());
        bound.listener().onText("hello");
        assertEquals(List.of("text hello"), events.events);
        // Every method of ConnectionListener is overridden: a default method left out would
        // swallow what the connection tells the session.
        for (Method m : ConnectionListener.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            assertDoesNotThrow(() -> AuthenticatedConnection.class.getDeclaredMethod(m.getName(), m.getParameterTypes()),
                    "AuthenticatedConnection passes on " + m.getName());
        }
    }
}
