package dev.ondine.impl.core;

import dev.ondine.api.Limits;
import dev.ondine.impl.protocol.Opcode;
import dev.ondine.impl.protocol.Role;
import dev.ondine.impl.transport.Upgrade;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static dev.ondine.impl.core.Frames.clientFrame;
import static dev.ondine.impl.core.Frames.clientText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keepalive pings and the slow-consumer policy in the core, on the in-memory transport's
 * clock: pings after inbound silence, anything read as a sign of life, 1006 for a peer that
 * does not answer, 1008 for a peer that leaves the outgoing queue full; off by default.
 */
class KeepaliveTest {
    private final InMemoryTransport transport = new InMemoryTransport();
    private final RecordingListener listener = new RecordingListener();
    private final KeepaliveEvents events = new KeepaliveEvents();

    /** Counts the keepalive events the connection reports to its metrics. */
    private static final class KeepaliveEvents implements ConnectionMetrics {
        int pingsSent;
        int pongsLate;

        @Override
        public void pingSent() {
            pingsSent++;
        }

        @Override
        public void pongLate() {
            pongsLate++;
        }
    }

    private WebSocketConnection open(Limits limits) {
        WebSocketConnection c = new WebSocketConnection(Role.SERVER, transport, listener,
                Upgrade.connectionLimits(limits), null, null, events);
        transport.connection = c;
        c.start();
        return c;
    }

    private static Limits.Builder noIdleTimeout() {
        return Limits.builder().idleTimeoutMillis(0);
    }

    private List<Frames.Frame> written() {
        return Frames.decode(Role.SERVER, transport.takeWritten());
    }

    private static ByteBuffer clientPong(String payload) {
        return clientFrame(true, Opcode.PONG, payload.getBytes());
    }

    /** A connection pinging after 1 s of silence, with 500 ms for the answer, after its first ping. */
    private WebSocketConnection openAndPingAfterOneSecond() {
        WebSocketConnection c = open(noIdleTimeout().pingIntervalMillis(1000).pongTimeoutMillis(500).build());
        transport.advance(999);
        assertTrue(written().isEmpty());
        transport.advance(1);
        List<Frames.Frame> out = written();
        assertEquals(1, out.size());
        assertEquals(Opcode.PING, out.get(0).opcode());
        assertEquals(1, events.pingsSent);
        return c;
    }

    @Test
    void offByDefaultNoTimerAndNoPing() {
        open(noIdleTimeout().build());
        assertEquals(0, transport.pendingTimers(), "no keepalive and no slow-consumer timer unless configured");
        transport.advance(24 * 3600_000L);
        assertTrue(written().isEmpty());
        assertFalse(transport.closed);
        assertEquals(0, events.pingsSent);
    }

    @Test
    void aSilentPeerIsPingedThenItsConnectionEndedWith1006() {
        openAndPingAfterOneSecond();
        transport.advance(499);
        assertFalse(transport.closed);
        transport.advance(1);
        assertTrue(transport.closed, "no pong within the timeout: TCP ended, no closing handshake");
        assertTrue(written().isEmpty(), "no close frame: the peer is presumed gone");
        assertEquals(1006, listener.closeCode);
        assertTrue(listener.closeReason.contains("No pong within 500 ms"), listener.closeReason);
        assertEquals(1, events.pongsLate);
        assertEquals(0, transport.pendingTimers());
    }

    @Test
    void aPongAnswersAndTheNextPingFollowsTheNextSilence() {
        WebSocketConnection c = open(noIdleTimeout().pingIntervalMillis(1000).pongTimeoutMillis(500).build());
        for (int round = 1; round <= 5; round++) {
            transport.advance(1000);
            assertEquals(Opcode.PING, written().get(0).opcode(), "round " + round);
            transport.advance(100);
            c.onBytesReceived(clientPong(""));
            transport.advance(400); // the pong timeout passes: answered
            assertFalse(transport.closed, "round " + round);
            transport.advance(500); // a full interval after the pong
        }
        assertEquals(5, events.pingsSent);
        assertEquals(0, events.pongsLate);
    }

    @Test
    void anUnsolicitedPongOrAnyFrameCountsAsLife() {
        WebSocketConnection c = openAndPingAfterOneSecond();
        transport.advance(300);
        c.onBytesReceived(clientText("busy")); // not a pong, but the peer is there
        transport.advance(200);
        assertFalse(transport.closed);
        c.onBytesReceived(clientText("still busy"));
        // A busy peer is never pinged: something arrives within every interval.
        for (int i = 0; i < 10; i++) {
            transport.advance(900);
            c.onBytesReceived(i % 2 == 0 ? clientText("m" + i) : clientPong("unsolicited"));
        }
        assertEquals(List.of(), written().stream().map(Frames.Frame::opcode).toList(), "no ping while the peer talks");
        assertEquals(1, events.pingsSent);
    }

    @Test
    void whileReadingIsSuspendedThePeerIsNeitherPingedNorBlamed() {
        WebSocketConnection c = openAndPingAfterOneSecond();
        c.suspendReading(WebSocketConnection.READ_PAUSE_BACKLOG); // its pong could not be read now
        transport.advance(10_000);
        assertFalse(transport.closed);
        assertTrue(written().isEmpty());
        c.resumeReading(WebSocketConnection.READ_PAUSE_BACKLOG);
        transport.advance(1000);
        assertEquals(Opcode.PING, written().get(0).opcode(), "silence counts again once reading resumes");
        transport.advance(500);
        assertTrue(transport.closed);
        assertEquals(1006, listener.closeCode);
    }

    @Test
    void closingStopsTheKeepalive() {
        WebSocketConnection c = open(noIdleTimeout().pingIntervalMillis(1000).build());
        c.onBytesReceived(Frames.clientClose(1000, "bye"));
        assertTrue(transport.closed);
        assertEquals(0, transport.pendingTimers());
    }

    @Test
    void aPeerLeavingTheQueueFullIsClosedWith1008AfterTheSlowConsumerTime() {
        WebSocketConnection c = open(noIdleTimeout().maxOutgoingQueueBytes(1000).slowConsumerCloseMillis(2000)
                .closeTimeoutMillis(3000).build());
        transport.capacity = 0; // the peer reads nothing
        c.sendBinary(ByteBuffer.allocate(600), SendCallback.NOOP);
        c.sendBinary(ByteBuffer.allocate(600), SendCallback.NOOP);
        assertTrue(transport.paused);
        transport.advance(1999);
        assertTrue(c.isOpen());
        transport.advance(1);
        assertFalse(c.isOpen(), "closing with 1008, the close frame queued behind what the peer did not read");
        transport.advance(3000); // the close timeout: the peer never reads it
        assertTrue(transport.closed);
        assertEquals(1008, listener.closeCode);
        assertTrue(listener.closeReason.startsWith("Slow consumer"), listener.closeReason);
    }

    @Test
    void aPeerThatCatchesUpInTimeIsNotClosed() {
        WebSocketConnection c = open(noIdleTimeout().maxOutgoingQueueBytes(1000).slowConsumerCloseMillis(2000).build());
        transport.capacity = 0;
        c.sendBinary(ByteBuffer.allocate(600), SendCallback.NOOP);
        c.sendBinary(ByteBuffer.allocate(600), SendCallback.NOOP);
        assertTrue(transport.paused);
        transport.advance(1500);
        transport.drain(Long.MAX_VALUE);
        assertFalse(transport.paused);
        assertEquals(0, transport.pendingTimers(), "the timer is disarmed when the pause lifts");
        // Full again later: the time counts from the new pause.
        transport.capacity = 0;
        c.sendBinary(ByteBuffer.allocate(600), SendCallback.NOOP);
        c.sendBinary(ByteBuffer.allocate(600), SendCallback.NOOP);
        transport.advance(1999);
        assertTrue(c.isOpen());
        transport.advance(1);
        assertFalse(c.isOpen());
    }

    @Test
    void withoutThePolicyASlowConsumerStaysPaused() {
        WebSocketConnection c = open(noIdleTimeout().maxOutgoingQueueBytes(1000).build());
        transport.capacity = 0;
        c.sendBinary(ByteBuffer.allocate(600), SendCallback.NOOP);
        c.sendBinary(ByteBuffer.allocate(600), SendCallback.NOOP);
        assertTrue(transport.paused);
        assertEquals(0, transport.pendingTimers());
        transport.advance(24 * 3600_000L);
        assertTrue(c.isOpen());
        assertTrue(transport.paused);
    }
}
