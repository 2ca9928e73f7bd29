package dev.ondine.tck.spec;

import dev.ondine.tck.spec.app.CloseApp;
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

/** Close codes and reasons, from the client to the server and back. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CloseTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Spec.war("close", CloseApp.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void theServerSeesTheClientsCodeAndReason() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "close"))) {
            p.session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4001), "client done"));
            p.closeReason();
        }
        assertEquals("4001:client done", Spec.probe(base));
    }

    @Test
    void theClientSeesTheServersCodeAndReason() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "close"))) {
            p.send("4002 server done");
            CloseReason r = p.closeReason();
            assertEquals(4002, r.getCloseCode().getCode());
            assertEquals("server done", r.getReasonPhrase());
        }
        assertEquals("4002:server done", Spec.probe(base));
    }

    @Test
    void standardCodesAndAnEmptyReason() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "close"))) {
            p.send("1001");
            CloseReason r = p.closeReason();
            assertEquals(CloseReason.CloseCodes.GOING_AWAY, r.getCloseCode());
            assertEquals("", r.getReasonPhrase());
        }
        assertEquals("1001:", Spec.probe(base));
    }

    @Test
    void aCloseWithoutAReasonIsANormalClosure() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "close"))) {
            p.session.close();
            assertEquals(CloseReason.CloseCodes.NORMAL_CLOSURE, p.closeReason().getCloseCode());
        }
        assertEquals("1000:", Spec.probe(base));
    }

    @Test
    void aReasonOfUpTo123BytesArrivesWhole() throws Exception {
        String reason = "r".repeat(123);
        try (Peer p = Peer.open(Spec.ws(base, "close"))) {
            p.send("4003 " + reason);
            assertEquals(reason, p.closeReason().getReasonPhrase());
        }
        assertEquals("4003:" + reason, Spec.probe(base));
    }
}
