package dev.ondine.impl.core;

import dev.ondine.api.Limits;
import dev.ondine.impl.protocol.MaskKeySource;
import dev.ondine.impl.protocol.Opcode;
import dev.ondine.impl.protocol.ProtocolException;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.protocol.deflate.DeflateParameters;
import dev.ondine.impl.protocol.deflate.PerMessageDeflate;
import dev.ondine.impl.transport.Upgrade;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A message shared by many connections ({@link WebSocketConnection#sendShared}), over the
 * in-memory transport: one frame for every server member, compressed once for those that
 * compress each message alone, masked per client member, and missed, never waited for,
 * by a member whose queue is full, that is closing, or that is in the middle of a message.
 */
class SharedMessageTest {
    private static final DeflateParameters NO_CONTEXT_TAKEOVER = new DeflateParameters(true, false,
            DeflateParameters.ABSENT, DeflateParameters.ABSENT);
    private static final byte[] HELLO = "hello, every member; hello, every member; hello".getBytes(StandardCharsets.UTF_8);

    private final List<InMemoryTransport> transports = new ArrayList<>();
    private final List<List<SharedDelivery>> outcomes = new ArrayList<>();

    private WebSocketConnection open(Role role, DeflateParameters deflate, Limits limits) {
        InMemoryTransport transport = new InMemoryTransport();
        List<SharedDelivery> told = new ArrayList<>();
        ConnectionMetrics metrics = new ConnectionMetrics() {
            @Override
            public void sharedMessage(SharedDelivery outcome) {
                told.add(outcome);
            }
        };
        WebSocketConnection c = new WebSocketConnection(role, transport, new RecordingListener(),
                Upgrade.connectionLimits(limits), role == Role.CLIENT ? new MaskKeySource(new Random(transports.size())) : null,
                deflate == null ? null : new PerMessageDeflate(role, deflate), metrics);
        transport.connection = c;
        c.start();
        transports.add(transport);
        outcomes.add(told);
        return c;
    }

    private WebSocketConnection open(Role role, DeflateParameters deflate) {
        return open(role, deflate, Limits.defaults());
    }

    private static SharedMessage hello() {
        return new SharedMessage(MessageType.TEXT, ByteBuffer.wrap(HELLO));
    }

    private byte[] written(int member) {
        return transports.get(member).takeWritten();
    }

    @Test
    void serverMembersQueueViewsOfOneFrame() {
        SharedMessage message = hello();
        for (int i = 0; i < 3; i++) {
            assertEquals(SharedDelivery.QUEUED, open(Role.SERVER, null).sendShared(message));
        }
        assertEquals(1, message.encodings(), "one frame, built once");
        byte[] first = written(0);
        assertArrayEquals(first, written(1));
        assertArrayEquals(first, written(2));
        List<Frames.Frame> frames = Frames.decode(Role.SERVER, first);
        assertEquals(1, frames.size());
        assertEquals(Opcode.TEXT, frames.get(0).opcode());
        assertTrue(frames.get(0).fin());
        assertEquals(0, frames.get(0).rsv());
        assertArrayEquals(HELLO, frames.get(0).payload());
        for (List<SharedDelivery> told : outcomes) {
            assertEquals(List.of(SharedDelivery.QUEUED), told, "the metrics are told");
        }
    }

    @Test
    void theViewsAreReadOnlyAndIndependent() {
        SharedMessage message = hello();
        ByteBuffer a = message.plainFrame();
        ByteBuffer b = message.plainFrame();
        assertTrue(a.isReadOnly());
        a.get(new byte[a.remaining()]);
        assertEquals(0, a.remaining());
        assertEquals(2 + HELLO.length, b.remaining(), "another member's view did not move");
        assertThrows(java.nio.ReadOnlyBufferException.class, () -> b.put(0, (byte) 0));
    }

    @Test
    void compressedOnceForMembersWithoutContextTakeoverPlainForTheOthers() throws Exception {
        SharedMessage message = hello();
        WebSocketConnection alone1 = open(Role.SERVER, NO_CONTEXT_TAKEOVER);
        WebSocketConnection alone2 = open(Role.SERVER, NO_CONTEXT_TAKEOVER);
        WebSocketConnection takeover = open(Role.SERVER, DeflateParameters.DEFAULTS);
        WebSocketConnection none = open(Role.SERVER, null);
        for (WebSocketConnection c : List.of(alone1, alone2, takeover, none)) {
            assertEquals(SharedDelivery.QUEUED, c.sendShared(message));
        }
        assertEquals(2, message.encodings(), "one compressed frame and one plain frame");

        byte[] compressed = written(0);
        assertArrayEquals(compressed, written(1));
        Frames.Frame c = Frames.decode(Role.SERVER, compressed).get(0);
        assertEquals(PerMessageDeflate.RSV1, c.rsv(), "RFC 7692 §6: RSV1 on a compressed message");
        assertTrue(c.payload().length < HELLO.length);
        assertArrayEquals(HELLO, inflate(new PerMessageDeflate(Role.CLIENT, NO_CONTEXT_TAKEOVER), c));

        byte[] plain = written(2);
        assertArrayEquals(plain, written(3));
        assertEquals(0, Frames.decode(Role.SERVER, plain).get(0).rsv(), "sent uncompressed: RSV1 clear");

        // The member with context takeover goes on with its own stream, untouched by the broadcast.
        PerMessageDeflate peer = new PerMessageDeflate(Role.CLIENT, DeflateParameters.DEFAULTS);
        for (int i = 0; i < 2; i++) {
            takeover.sendText("own message " + i, SendCallback.NOOP);
            Frames.Frame own = Frames.decode(Role.SERVER, written(2)).get(0);
            assertEquals(PerMessageDeflate.RSV1, own.rsv());
            assertEquals("own message " + i, new String(inflate(peer, own), StandardCharsets.UTF_8));
            assertEquals(SharedDelivery.QUEUED, takeover.sendShared(hello()));
            assertArrayEquals(HELLO, Frames.decode(Role.SERVER, written(2)).get(0).payload());
        }
    }

    @Test
    void clientMembersMaskEachFrameWithTheirOwnKey() {
        SharedMessage message = hello();
        WebSocketConnection a = open(Role.CLIENT, null);
        WebSocketConnection b = open(Role.CLIENT, null);
        assertEquals(SharedDelivery.QUEUED, a.sendShared(message));
        assertEquals(SharedDelivery.QUEUED, b.sendShared(message));
        assertEquals(0, message.encodings(), "no shared server frame for clients");
        byte[] wa = written(0);
        byte[] wb = written(1);
        assertFalse(java.util.Arrays.equals(wa, wb), "RFC 6455 §5.3: a key of each frame's own");
        assertTrue((wa[1] & 0x80) != 0, "masked");
        assertArrayEquals(HELLO, Frames.decode(Role.CLIENT, wa).get(0).payload());
        assertArrayEquals(HELLO, Frames.decode(Role.CLIENT, wb).get(0).payload());
    }

    @Test
    void aFullQueueMissesTheMessageUntilThePeerReadsAgain() {
        WebSocketConnection slow = open(Role.SERVER, null, Limits.builder().maxOutgoingQueueBytes(100).build());
        WebSocketConnection fast = open(Role.SERVER, null);
        transports.get(0).capacity = 0; // the peer does not read
        SharedMessage big = new SharedMessage(MessageType.BINARY, ByteBuffer.wrap(new byte[150]));
        assertEquals(SharedDelivery.QUEUED, slow.sendShared(big), "under the limit when offered");
        for (int i = 0; i < 5; i++) {
            assertEquals(SharedDelivery.QUEUE_FULL, slow.sendShared(big));
            assertEquals(SharedDelivery.QUEUED, fast.sendShared(big), "the others go on");
        }
        assertEquals(5, Frames.decode(Role.SERVER, written(1)).size());
        assertEquals(List.of(SharedDelivery.QUEUED, SharedDelivery.QUEUE_FULL, SharedDelivery.QUEUE_FULL,
                SharedDelivery.QUEUE_FULL, SharedDelivery.QUEUE_FULL, SharedDelivery.QUEUE_FULL), outcomes.get(0));
        assertTrue(transports.get(0).paused, "past the limit reading pauses, as for the connection's own sends");

        transports.get(0).drain(Long.MAX_VALUE);
        assertEquals(0, slow.queuedBytes());
        assertEquals(SharedDelivery.QUEUED, slow.sendShared(big));
        assertEquals(2, Frames.decode(Role.SERVER, written(0)).size(), "the first and the last, nothing in between");
    }

    @Test
    void aMemberInTheMiddleOfItsOwnMessageMissesIt() {
        WebSocketConnection c = open(Role.SERVER, null);
        c.send(MessageType.TEXT, ByteBuffer.wrap("part one, ".getBytes(StandardCharsets.UTF_8)), false,
                SendKind.ASYNCHRONOUS, SendCallback.NOOP);
        assertEquals(SharedDelivery.IN_PARTIAL_MESSAGE, c.sendShared(hello()), "RFC 6455 §5.4: no interleaving");
        c.send(MessageType.TEXT, ByteBuffer.wrap("part two".getBytes(StandardCharsets.UTF_8)), true,
                SendKind.ASYNCHRONOUS, SendCallback.NOOP);
        assertEquals(SharedDelivery.QUEUED, c.sendShared(hello()));
        List<Frames.Frame> frames = Frames.decode(Role.SERVER, written(0));
        assertEquals(3, frames.size());
        assertEquals(Opcode.TEXT, frames.get(0).opcode());
        assertFalse(frames.get(0).fin());
        assertEquals(Opcode.CONTINUATION, frames.get(1).opcode());
        assertTrue(frames.get(1).fin());
        assertEquals(Opcode.TEXT, frames.get(2).opcode());
        assertArrayEquals(HELLO, frames.get(2).payload());
    }

    @Test
    void aClosingMemberMissesIt() {
        WebSocketConnection c = open(Role.SERVER, null);
        c.close(1000, "bye");
        assertEquals(SharedDelivery.CLOSING, c.sendShared(hello()));
        transports.get(0).close();
        assertEquals(SharedDelivery.CLOSING, c.sendShared(hello()));
        List<Frames.Frame> frames = Frames.decode(Role.SERVER, written(0));
        assertEquals(1, frames.size());
        assertEquals(Opcode.CLOSE, frames.get(0).opcode(), "nothing after the close frame (§5.5.1)");
    }

    private static byte[] inflate(PerMessageDeflate peer, Frames.Frame frame) throws ProtocolException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PerMessageDeflate.Sink sink = chunk -> {
            byte[] b = new byte[chunk.remaining()];
            chunk.get(b);
            out.write(b, 0, b.length);
        };
        peer.decompress(ByteBuffer.wrap(frame.payload()), sink);
        peer.endMessage(sink);
        return out.toByteArray();
    }
}
