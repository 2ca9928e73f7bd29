package dev.ondine.tck.spec;

import dev.ondine.tck.spec.app.SessionApp;
import jakarta.websocket.CloseReason;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Session: request data, identity, open sessions, user properties, idle timeout, the IllegalStateException rules. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SessionTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Spec.war("session", SessionApp.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void theRequestUriQueryAndParametersAreTheHandshakes() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "info/x?a=1&a=2&b=3"))) {
            assertEquals(base.getPath() + "info/x", p.ask("uri"));
            assertEquals("a=1&a=2&b=3", p.ask("query"));
            assertEquals("[1, 2]", p.ask("params"));
            assertEquals("{name=x}", p.ask("path"));
            assertEquals("false", p.ask("secure"));
        }
    }

    @Test
    void idsAreUniqueAndOpenSessionsAreThoseOfTheSameEndpoint() throws Exception {
        try (Peer a = Peer.open(Spec.ws(base, "info/a")); Peer b = Peer.open(Spec.ws(base, "info/b"))) {
            assertNotEquals(a.ask("id"), b.ask("id"));
            assertEquals("true:2:true", a.ask("open"));
        }
    }

    @Test
    void userPropertiesBelongToOneSession() throws Exception {
        try (Peer a = Peer.open(Spec.ws(base, "info/a")); Peer b = Peer.open(Spec.ws(base, "info/b"))) {
            assertEquals("1", a.ask("count"));
            assertEquals("2", a.ask("count"));
            assertEquals("1", b.ask("count"));
        }
    }

    @Test
    void anIdleSessionIsClosed() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "idle"))) {
            assertEquals("300", p.ask("timeout?"));
            CloseReason reason = p.closeReason();
            assertEquals(CloseReason.CloseCodes.GOING_AWAY, reason.getCloseCode(), reason.toString());
        }
        // §2.1.5: the peer is sent a close frame (1001 here); the endpoint that timed out is told 1006.
        assertEquals("idle close 1006", Spec.probe(base));
    }

    @Test
    void aSessionClosedByTheServerReachesOnCloseOnBothSides() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "closed-rules"))) {
            p.send("close yourself");
            CloseReason reason = p.closeReason();
            assertEquals(1000, reason.getCloseCode().getCode());
            assertEquals("closing", reason.getReasonPhrase());
        }
        assertEquals("in onClose getId works: true", Spec.probe(base));
    }

    @Test
    void aClosedSessionThrowsIllegalStateExceptionButStillAnswersIsOpen() throws Exception {
        try (Peer first = Peer.open(Spec.ws(base, "after-close"))) {
            assertEquals("kept", first.ask("keep"));
        }
        Thread.sleep(200); // the server sees the close
        try (Peer second = Peer.open(Spec.ws(base, "after-close"))) {
            String r = second.ask("check");
            assertTrue(r.startsWith("open=false"), r);
            assertEquals("open=false getBasicRemote=ISE getAsyncRemote=ISE addMessageHandler=ISE getUserProperties=ISE", r);
        }
    }
}
