package dev.ondine.tck.spec;

import dev.ondine.tck.spec.app.RemoteApp;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** RemoteEndpoint.Basic and RemoteEndpoint.Async: every way to send, as the client receives it. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RemoteEndpointTest {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Spec.war("remote", RemoteApp.class);
    }

    @ArquillianResource
    URL base;

    @Test
    void basicWholeAndPartialText() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "basic"))) {
            assertEquals("whole", p.ask("whole"));
            assertEquals("partial", p.ask("partial"));
        }
    }

    @Test
    void basicWholeAndPartialBinary() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "basic"))) {
            p.send("binary");
            assertArrayEquals(new byte[] {9, 8}, p.binary());
            p.send("binary-partial");
            assertArrayEquals(new byte[] {1, 2}, p.binary());
        }
    }

    @Test
    void basicWriterAndStream() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "basic"))) {
            assertEquals("writer", p.ask("writer"));
            p.send("stream");
            assertArrayEquals(new byte[] {4, 5, 6}, p.binary());
        }
    }

    @Test
    void basicObjectPingAndBatching() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "basic"))) {
            assertEquals("42", p.ask("object"));
            p.send("ping");
            // the client container answers a ping with a pong automatically; a ping is not a message
            assertEquals(0, p.texts.size());
            assertEquals("b1", p.ask("batch"));
            assertEquals("b2", p.text());
        }
    }

    @Test
    void asyncWithFutureAndWithSendHandler() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "async"))) {
            assertEquals("by future", p.ask("future"));
            assertEquals("future done:true", p.text());
            assertEquals("by handler", p.ask("handler"));
            assertEquals("handler ok:true", p.text());
        }
    }

    @Test
    void asyncBinaryObjectAndSendTimeout() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "async"))) {
            p.send("binary");
            assertArrayEquals(new byte[] {3, 3}, p.binary());
            assertEquals("true", p.ask("object"));
            assertNotNull(Long.valueOf(p.ask("timeout")));
        }
    }

    @Test
    void aPingFromTheClientIsAnsweredWithAPong() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "basic"))) {
            p.session.getBasicRemote().sendPing(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            ByteBuffer pong = p.pongs.poll(5, TimeUnit.SECONDS);
            assertNotNull(pong);
            assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3}), pong);
        }
    }

    @Test
    void aNullMessageIsAnIllegalArgument() throws Exception {
        try (Peer p = Peer.open(Spec.ws(base, "null"))) {
            assertEquals("IllegalArgumentException", p.ask("go"));
        }
    }
}
