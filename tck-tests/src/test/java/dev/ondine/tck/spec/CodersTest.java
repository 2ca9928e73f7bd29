package dev.ondine.tck.spec;

import dev.ondine.tck.spec.app.CodersApp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.Writer;
import java.net.URL;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** §2.1.5 and §4.1: encoders and decoders, which one applies, willDecode, errors, the lifecycle. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CodersTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Spec.war("coders", CodersApp.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void aTextDecoderAndATextEncoder() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "points"))) {
            assertEquals("(2|1)", p.ask("1,2"));
        }
    }

    @Test
    void aBinaryDecoderAndABinaryEncoderThroughSendObject() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "binary-points"))) {
            p.send(ByteBuffer.allocate(8).putInt(3).putInt(4).array());
            assertArrayEquals(ByteBuffer.allocate(8).putInt(4).putInt(5).array(), p.binary());
        }
    }

    @Test
    void streamDecodersAndEncoders() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "words"))) {
            try (Writer w = p.session.getBasicRemote().getSendWriter()) {
                w.write("one two ");
                w.write("three");
            }
            assertEquals("words=3", p.text());
        }
    }

    @Test
    void aMessageNoDecoderWillDecodeReachesOnError() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "points"))) {
            assertEquals("error:DecodeException", p.ask("no comma"));
        }
    }

    @Test
    void aDecoderFailureIsADecodeExceptionForOnError() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "points"))) {
            assertEquals("error:DecodeException", p.ask("a,b"));
            assertEquals("(6|5)", p.ask("5,6"), "the session goes on");
        }
    }

    @Test
    void sendObjectWithoutAnEncoderThrowsEncodeExceptionAndBoxedPrimitivesGoAsText() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "no-encoder"))) {
            assertEquals("EncodeException", p.ask("go"));
            assertEquals("17", p.text());
        }
    }

    @Test
    void decodersAreInitialisedPerSessionAndDestroyedWhenItEnds() throws Exception {
        String before;
        try (Peer counts = Peer.open(Spec.ws(base, "coder-counts"))) {
            before = counts.ask("?");
        }
        int inits = Integer.parseInt(before.split("/")[0]);
        int destroys = Integer.parseInt(before.split("/")[1]);
        try (Peer p = Peer.open(Spec.ws(base, "points"))) {
            p.ask("1,1");
        }
        assertEquals("closed", Spec.probe(base), "onClose ran");
        try (Peer counts = Peer.open(Spec.ws(base, "coder-counts"))) {
            String after = counts.ask("?");
            int i = Integer.parseInt(after.split("/")[0]);
            int d = Integer.parseInt(after.split("/")[1]);
            assertTrue(i > inits, "init per session: " + before + " -> " + after);
            assertTrue(d > destroys, "destroy when the session ends: " + before + " -> " + after);
        }
    }
}
