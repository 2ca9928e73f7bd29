package dev.ondine.tck.spec;

import dev.ondine.tck.spec.app.PathApp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** §3.1.1: URI templates, their variables, and which endpoint wins when several match. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PathTemplateTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Spec.war("paths", PathApp.class);
    }

    @ArquillianResource
    URL base;

    private String at(String path) throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, path))) {
            return p.ask("which");
        }
    }

    @Test
    void anExactMatchWinsOverATemplate() throws Exception {
        assertEquals("exact", at("a/b"));
        assertEquals("a/{x} x=z", at("a/z"));
    }

    @Test
    void aLiteralSegmentWinsOverAVariableAtTheSamePosition() throws Exception {
        assertEquals("a/{x}/c x=q", at("a/q/c"));
        assertEquals("a/{x}/{y} q,d", at("a/q/d"));
    }

    @Test
    void theEarlierLiteralSegmentDecides() throws Exception {
        // /a/{x}/c and /{any}/b/c both match /a/b/c: the first segment is literal in the former
        assertEquals("a/{x}/c x=b", at("a/b/c"));
        assertEquals("{any}/b/c", at("z/b/c"));
    }

    @Test
    void pathParametersAreDecodedAndConvertedToPrimitives() throws Exception {
        assertEquals("a/{x} x=hello world", at("a/hello%20world"));
        assertEquals("n+1=42 flag=true", at("typed/41/true"));
    }

    @Test
    void aPathThatMatchesNoTemplateGets404() {
        assertEquals(404, Spec.handshakeStatus(Spec.ws(base, "a")));
        assertEquals(404, Spec.handshakeStatus(Spec.ws(base, "a/b/c/d")));
        assertEquals(404, Spec.handshakeStatus(Spec.ws(base, "b")));
    }
}
