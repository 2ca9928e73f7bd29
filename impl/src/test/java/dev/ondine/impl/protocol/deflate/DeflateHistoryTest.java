package dev.ondine.impl.protocol.deflate;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The kept end of a stream: a ring that grows with what went through, up to its capacity. */
class DeflateHistoryTest {

    @Test
    void keepsTheLastBytesUpToItsCapacityWhateverTheSizeOfEachAppend() {
        Random random = new Random(5);
        for (int capacity : new int[] {1, 256, 1000, 16384, 32768}) {
            DeflateHistory history = new DeflateHistory(capacity);
            byte[] all = new byte[0];
            for (int i = 0; i < 200; i++) {
                int n = random.nextInt(5) == 0 ? random.nextInt(3 * capacity + 1) : random.nextInt(300);
                byte[] data = new byte[n + 7];
                random.nextBytes(data);
                ByteBuffer buffer = ByteBuffer.wrap(data, 3, n); // position and limit inside a larger array
                history.append(buffer);
                assertEquals(3, buffer.position(), "position unchanged");
                all = concat(all, Arrays.copyOfRange(data, 3, 3 + n));
                byte[] expected = Arrays.copyOfRange(all, Math.max(0, all.length - capacity), all.length);
                assertArrayEquals(expected, history.toArray(), "capacity " + capacity + ", append " + i);
                assertEquals(expected.length, history.size());
                if (i % 17 == 0) {
                    history.compact();
                    assertEquals(history.size(), history.retainedBytes());
                    assertArrayEquals(expected, history.toArray());
                }
            }
        }
    }

    @Test
    void holdsOnlyWhatWentThrough() {
        DeflateHistory history = new DeflateHistory(32768);
        assertEquals(0, history.retainedBytes());
        history.append(ByteBuffer.wrap(new byte[100]));
        assertEquals(256, history.retainedBytes()); // the first ring
        history.append(ByteBuffer.wrap(new byte[300]));
        assertEquals(512, history.retainedBytes()); // doubled, not the window
        history.compact();
        assertEquals(400, history.retainedBytes());
        history.append(ByteBuffer.wrap(new byte[100_000]));
        assertEquals(32768, history.retainedBytes());
        history.clear();
        assertEquals(0, history.retainedBytes());
        assertEquals(0, history.size());
    }

    @Test
    void directBuffersToo() {
        DeflateHistory history = new DeflateHistory(4);
        ByteBuffer direct = ByteBuffer.allocateDirect(6).put(new byte[] {1, 2, 3, 4, 5, 6}).flip();
        history.append(direct);
        assertArrayEquals(new byte[] {3, 4, 5, 6}, history.toArray());
    }

    @Test
    void refusesNoCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new DeflateHistory(0));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
