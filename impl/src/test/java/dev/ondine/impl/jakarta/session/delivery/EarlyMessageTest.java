package dev.ondine.impl.jakarta.session.delivery;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The assembly of a message that began before onOpen returned, at the byte level. */
class EarlyMessageTest {

    @Test
    void textPiecesAreJoinedAndCountedInUtf8Bytes() {
        EarlyMessage<String> m = EarlyMessage.text(null, null, 6);
        assertTrue(m.add("ab"));
        assertFalse(m.add("é€"), "2 + 3 more bytes: 7 in all, one over");
        assertTrue(m.firstTimeOverLimit());
        assertFalse(m.firstTimeOverLimit(), "reported once");
    }

    @Test
    void textWithinTheLimitIsWhole() {
        EarlyMessage<String> m = EarlyMessage.text(null, null, 7);
        assertTrue(m.add("ab"));
        assertTrue(m.add("é€"));
        assertEquals("abé€", m.whole());
        assertFalse(m.firstTimeOverLimit());
    }

    @Test
    void binaryPiecesFromHeapAndDirectBuffersAreJoinedWithoutMovingThem() {
        EarlyMessage<ByteBuffer> m = EarlyMessage.binary(null, null, 100);
        ByteBuffer heap = ByteBuffer.wrap("xxabc".getBytes(StandardCharsets.US_ASCII), 2, 3).slice();
        ByteBuffer direct = ByteBuffer.allocateDirect(2).put((byte) 'd').put((byte) 'e').flip();
        assertTrue(m.add(heap));
        assertTrue(m.add(direct));
        assertEquals(3, heap.remaining());
        assertEquals(2, direct.remaining());
        assertEquals("abcde", StandardCharsets.US_ASCII.decode(m.whole()).toString());
    }

    @Test
    void aSurrogatePairIsFourBytes() {
        assertEquals(4, EarlyMessage.utf8Length("\uD83D\uDE00"));
        assertEquals(1 + 2 + 3, EarlyMessage.utf8Length("aé€"));
    }
}
