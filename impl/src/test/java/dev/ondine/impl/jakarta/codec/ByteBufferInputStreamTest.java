package dev.ondine.impl.jakarta.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ByteBufferInputStreamTest {

    @Test
    void readsTheRemainingBytesUnsignedThenEnd() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, (byte) 0xFF, 1});
        buffer.position(1);
        ByteBufferInputStream in = new ByteBufferInputStream(buffer);
        assertEquals(2, in.available());
        assertEquals(0xFF, in.read());
        assertEquals(1, in.read());
        assertEquals(-1, in.read());
        assertEquals(1, buffer.position(), "the given buffer does not move");
    }

    @Test
    void bulkReadStopsAtTheEnd() {
        ByteBufferInputStream in = new ByteBufferInputStream(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        byte[] target = new byte[5];
        assertEquals(0, in.read(target, 0, 0));
        assertEquals(3, in.read(target, 1, 4));
        assertArrayEquals(new byte[] {0, 1, 2, 3, 0}, target);
        assertEquals(-1, in.read(target, 0, 5));
        assertThrows(IndexOutOfBoundsException.class, () -> in.read(target, 4, 2));
    }

    @Test
    void skipIsBoundedByTheRemainingBytes() {
        ByteBufferInputStream in = new ByteBufferInputStream(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}));
        assertEquals(0, in.skip(-3));
        assertEquals(2, in.skip(2));
        assertEquals(3, in.read());
        assertEquals(1, in.skip(Long.MAX_VALUE));
        assertEquals(-1, in.read());
    }
}
