package dev.ondine.impl.core;

import dev.ondine.impl.protocol.MaskKeySource;
import dev.ondine.impl.protocol.Opcode;
import dev.ondine.impl.protocol.Role;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Messages into frames: opcodes, continuations, FIN and masking (RFC 6455 §5.2-§5.4). */
class OutboundFramesTest {

    private static int firstByte(ByteBuffer[] frame) {
        return frame[0].get(frame[0].position()) & 0xFF;
    }

    private static int secondByte(ByteBuffer[] frame) {
        return frame[0].get(frame[0].position() + 1) & 0xFF;
    }

    @Test
    void aWholeMessageIsOneFinalFrameWithItsOpcode() {
        OutboundFrames frames = new OutboundFrames(Role.SERVER, null, null);
        ByteBuffer[] f = frames.data(MessageType.BINARY, ByteBuffer.allocate(3), true);
        assertEquals(0x80 | Opcode.BINARY, firstByte(f));
        assertEquals(3, secondByte(f), "a server does not mask (§5.1)");
    }

    @Test
    void partsAfterTheFirstAreContinuations() {
        OutboundFrames frames = new OutboundFrames(Role.CLIENT, new MaskKeySource(new Random(1)), null);
        ByteBuffer[] first = frames.data(MessageType.TEXT, ByteBuffer.wrap("ab".getBytes(StandardCharsets.UTF_8)), false);
        assertEquals(Opcode.TEXT, firstByte(first));
        assertEquals(0x80 | 2, secondByte(first), "a client masks (§5.3)");
        frames.checkMayStart(MessageType.TEXT);
        assertThrows(IllegalStateException.class, () -> frames.checkMayStart(MessageType.BINARY));
        ByteBuffer[] last = frames.data(MessageType.TEXT, ByteBuffer.allocate(0), true);
        assertEquals(0x80 | Opcode.CONTINUATION, firstByte(last));
        frames.checkMayStart(MessageType.BINARY); // the message is finished
        assertEquals(0x80 | Opcode.BINARY, firstByte(frames.data(MessageType.BINARY, ByteBuffer.allocate(1), true)));
    }

    @Test
    void controlFramesAreFinalAndFitOneBuffer() {
        OutboundFrames frames = new OutboundFrames(Role.SERVER, null, null);
        frames.data(MessageType.TEXT, ByteBuffer.allocate(1), false);
        ByteBuffer ping = frames.control(Opcode.PING, ByteBuffer.wrap(new byte[] {1, 2}));
        assertEquals(0x80 | Opcode.PING, ping.get(0) & 0xFF, "§5.4: control frames may come between fragments");
        assertEquals(4, ping.remaining());
    }
}
