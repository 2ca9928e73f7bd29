package dev.ondine.impl.core;

import dev.ondine.impl.protocol.CloseCodes;
import dev.ondine.impl.protocol.CloseFrames;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The closing handshake's states and what each transition asks for (RFC 6455 §7). */
class ClosingHandshakeTest {

    private static CloseFrames.CloseStatus status(int code, String reason) {
        return new CloseFrames.CloseStatus(code, reason);
    }

    @Test
    void weCloseFirstThenThePeerAnswers() {
        ClosingHandshake h = new ClosingHandshake();
        assertTrue(h.isOpen());
        assertTrue(h.start(1000, "bye"));
        assertFalse(h.start(1001, "again"), "closing begins once");
        assertTrue(h.closeFrameQueued());
        assertFalse(h.maySend(), "§5.5.1: nothing is sent after our close");
        assertFalse(h.closeFrameQueued());
        assertFalse(h.inputEnded());
        assertFalse(h.peerClosed(status(1000, "")), "our close was already sent: no answer");
        assertTrue(h.inputEnded());
        assertTrue(h.peerCloseFrameRead());
        assertEquals(new ClosingHandshake.Status(1000, "bye"), h.transportEnded("unused"));
        assertTrue(h.isClosed());
    }

    @Test
    void thePeerClosesFirstAndIsAnsweredWithItsStatus() {
        ClosingHandshake h = new ClosingHandshake();
        assertTrue(h.peerClosed(status(1001, "going")));
        assertFalse(h.isOpen());
        assertFalse(h.start(1000, ""), "closing has begun with the peer's frame");
        assertTrue(h.closeFrameQueued());
        assertEquals(new ClosingHandshake.Status(1001, "going"), h.transportEnded("unused"));
    }

    @Test
    void failingReportsTheFailureCodeAndStopsInput() {
        ClosingHandshake h = new ClosingHandshake();
        assertTrue(h.fail(CloseCodes.PROTOCOL_ERROR, "bad frame"), "a close frame must still be sent");
        assertTrue(h.inputEnded());
        assertFalse(h.peerCloseFrameRead(), "the peer's close was not read: a server must not linger");
        assertTrue(h.closeFrameQueued());
        assertFalse(h.fail(CloseCodes.INTERNAL_ERROR, "later"), "our close is out: none to send");
        assertEquals(CloseCodes.INTERNAL_ERROR, h.transportEnded("unused").code(), "the last failure is reported");
    }

    @Test
    void anEndWithoutCloseFramesIs1006AndReportedOnce() {
        ClosingHandshake h = new ClosingHandshake();
        ClosingHandshake.Status s = h.transportEnded("reset");
        assertEquals(new ClosingHandshake.Status(CloseCodes.ABNORMAL, "reset"), s);
        assertNull(h.transportEnded("again"), "the listener hears of the end once");
        assertFalse(h.maySend());
        assertFalse(h.start(1000, ""));
    }

    @Test
    void aNullReasonIsEmpty() {
        ClosingHandshake h = new ClosingHandshake();
        h.start(1000, null);
        h.closeFrameQueued();
        assertEquals("", h.transportEnded("unused").reason());
    }

    @Test
    void anEndBeforeOurCloseWasQueuedIsStill1006() {
        ClosingHandshake h = new ClosingHandshake();
        h.start(1000, "bye");
        assertEquals(CloseCodes.ABNORMAL, h.transportEnded("reset").code(), "no close frame went either way");
    }
}
