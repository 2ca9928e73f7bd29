package dev.ondine.tck.spec;

import dev.ondine.tck.spec.app.ProgrammaticApp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Chapter 2 (endpoints, message handlers) and §6.2 (ServerApplicationConfig) for programmatic endpoints. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProgrammaticEndpointTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Spec.war("programmatic", ProgrammaticApp.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void wholeHandlersForTextAndBinary() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "whole"))) {
            assertEquals("whole:a", p.ask("a"));
            p.send(new byte[7]);
            assertEquals("binary:7", p.text());
        }
    }

    @Test
    void aPartialHandlerGetsThePartsWithTheLastFlag() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "partial"))) {
            p.session.getBasicRemote().sendText("one ", false);
            p.session.getBasicRemote().sendText("two", true);
            assertEquals("partial:one two", p.text());
        }
    }

    @Test
    void oneHandlerPerMessageTypeAndHandlersCanBeReplaced() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "rules"))) {
            assertEquals("second text handler: IllegalStateException, handlers: 1", Spec.probe(base));
            assertEquals("first:x", p.ask("x"));
            assertEquals("swapped", p.ask("swap"));
            assertEquals("second:y", p.ask("y"));
        }
        assertEquals("onClose 1000", Spec.probe(base));
    }

    @Test
    void theApplicationConfigChoosesTheAnnotatedEndpoints() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "kept"))) {
            assertEquals("kept:k", p.ask("k"));
        }
        assertEquals(404, Spec.handshakeStatus(Spec.ws(base, "excluded")));
    }

    @Test
    void anEndpointSubclassWithoutAConfigIsNotDeployed() {
        assertEquals(404, Spec.handshakeStatus(Spec.ws(base, "WholeHandlers")));
    }
}
