package dev.ondine.impl.jakarta.session;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Utf8CacheTest {

    @Test
    void theSameStringIsEncodedOnceAndEachCallGetsItsOwnReadOnlyView() {
        String message = new String("broadcast é €");
        ByteBuffer a = Utf8Cache.encode(message);
        a.get(); // moving one view must not move the next
        ByteBuffer b = Utf8Cache.encode(message);
        assertTrue(a.isReadOnly() && b.isReadOnly());
        assertEquals(0, b.position());
        assertEquals(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), b);
    }

    @Test
    void anEqualButDifferentStringIsEncodedAgainAndGivesTheSameBytes() {
        String first = new String("x");
        String second = new String("y");
        assertEquals(ByteBuffer.wrap(new byte[] {'x'}), Utf8Cache.encode(first));
        assertEquals(ByteBuffer.wrap(new byte[] {'y'}), Utf8Cache.encode(second));
        assertEquals(ByteBuffer.wrap(new byte[] {'x'}), Utf8Cache.encode(first));
    }

    @Test
    void largeTextsAreNotKept() {
        String big = "a".repeat(100_000);
        assertEquals(100_000, Utf8Cache.encode(big).remaining());
    }
}
