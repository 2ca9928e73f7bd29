package dev.ondine.tck.spec;

import dev.ondine.tck.spec.app.AnnotatedApp;
import jakarta.websocket.CloseReason;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.OutputStream;
import java.io.Writer;
import java.net.URL;
import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Chapter 4, annotations: {@code @ServerEndpoint}, every allowed {@code @OnMessage} form, lifecycle methods, {@code @PathParam}. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AnnotatedEndpointTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Spec.war("annotated", AnnotatedApp.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void wholeTextAndTheReturnValueIsSent() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "text"))) {
            assertEquals("text:hello", p.ask("hello"));
        }
    }

    @Test
    void textWithTheSessionInAnyPosition() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "text-session"))) {
            assertEquals("session:a:false", p.ask("a"));
        }
    }

    @Test
    void partialTextWithTheLastFlag() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "text-partial"))) {
            p.session.getBasicRemote().sendText("ab", false);
            p.session.getBasicRemote().sendText("cd", true);
            String all = p.text();
            assertEquals("abcd", all.replaceAll("[\\[\\]]", ""), all);
            assertTrue(all.startsWith("[") && all.endsWith("]"));
        }
    }

    @Test
    void aReaderForText() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "reader"))) {
            try (Writer w = p.session.getBasicRemote().getSendWriter()) {
                w.write("via ");
                w.write("writer");
            }
            assertEquals("reader:via writer", p.text());
        }
    }

    @Test
    void primitivesAndTheirBoxesAreConvertedFromText() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "int"))) {
            assertEquals("42", p.ask("21"));
        }
        try (Peer p = Peer.open(Spec.ws(base, "boxed"))) {
            assertEquals("boolean:true", p.ask("true"));
        }
    }

    @Test
    void aTextThatIsNotThePrimitiveReachesOnErrorAsADecodeException() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "int"))) {
            assertEquals("error:DecodeException", p.ask("not a number"));
            assertEquals("4", p.ask("2"), "the session stays open");
        }
    }

    @Test
    void wholeBinaryAsByteBufferAndAsByteArray() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "bytebuffer"))) {
            p.send(new byte[] {1, 2});
            assertArrayEquals(new byte[] {'B', 1, 2}, p.binary());
        }
        try (Peer p = Peer.open(Spec.ws(base, "bytes"))) {
            p.send(new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {3, 2, 1}, p.binary());
        }
    }

    @Test
    void partialBinaryAsByteArrayAndAsByteBuffer() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "bytes-partial"))) {
            p.session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[3]), false);
            p.session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[4]), true);
            assertEquals("bytes:7:true", p.text());
        }
        try (Peer p = Peer.open(Spec.ws(base, "bytebuffer-partial"))) {
            p.session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[5]), false);
            p.session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[6]), true);
            assertEquals("buffer:11", p.text());
        }
    }

    @Test
    void anInputStreamForBinary() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "stream"))) {
            try (OutputStream out = p.session.getBasicRemote().getSendStream()) {
                out.write(new byte[1000]);
                out.write(new byte[24]);
            }
            assertEquals("stream:1024", p.text());
        }
    }

    @Test
    void aPongMessageParameterReceivesPongs() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "pong"))) {
            // the server pings; the client container answers with a pong carrying the same data
            assertEquals("pong:ping-data", p.ask("ping-data"));
        }
    }

    @Test
    void onOpenOnErrorOnCloseAndPathParameters() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "lifecycle/blue"))) {
            assertEquals("open:blue:true|hi@blue", p.ask("hi"));
            assertEquals("error:IllegalStateException:failing on purpose", p.ask("fail"));
            assertEquals("open:blue:true|still open@blue", p.ask("still open"), "an error in @OnMessage does not close");
            p.session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "done"));
        }
        assertEquals("close:blue:1000", Spec.probe(base));
    }

    @Test
    void theUnmatchedPathGets404() {
        assertEquals(404, Spec.handshakeStatus(Spec.ws(base, "no-such-endpoint")));
        assertEquals(404, Spec.handshakeStatus(Spec.ws(base, "lifecycle/blue/extra")));
    }
}
