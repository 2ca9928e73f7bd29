package dev.ondine.hazelcast;

import dev.ondine.api.broadcast.GroupMessage;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The relay's wire format: what goes in comes out; what is not a frame is refused. */
class RelayFrameTest {
    private final UUID origin = UUID.randomUUID();

    @Test
    void textAndBinaryRoundTrip() {
        RelayFrame text = RelayFrame.decode(new RelayFrame(origin, "salle/été", GroupMessage.ofText("héllo ✓")).encode());
        assertEquals(origin, text.origin());
        assertEquals("salle/été", text.group());
        assertTrue(text.message().text());
        assertEquals("héllo ✓", new String(text.message().payload(), StandardCharsets.UTF_8));
        byte[] bytes = {0, (byte) 0xFF, 0x7F, (byte) 0x80};
        RelayFrame binary = RelayFrame.decode(new RelayFrame(origin, "", GroupMessage.ofBinary(bytes)).encode());
        assertFalse(binary.message().text());
        assertEquals("", binary.group());
        assertArrayEquals(bytes, binary.message().payload());
    }

    @Test
    void refusesWhatIsNotAFrame() {
        byte[] frame = new RelayFrame(origin, "room", GroupMessage.ofText("x")).encode();
        assertThrows(IllegalArgumentException.class, () -> RelayFrame.decode(new byte[3]));
        byte[] otherFormat = frame.clone();
        otherFormat[0] = 2;
        assertThrows(IllegalArgumentException.class, () -> RelayFrame.decode(otherFormat));
        assertThrows(IllegalArgumentException.class, () -> RelayFrame.decode(Arrays.copyOf(frame, 20)));
        assertThrows(IllegalArgumentException.class,
                () -> new RelayFrame(origin, "g".repeat(70_000), GroupMessage.ofText("x")).encode());
    }
}
