package dev.ondine.impl.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskerTest {

    private static final int KEY = 0x37FA213D;
    private static final byte[] KEY_BYTES = {0x37, (byte) 0xFA, 0x21, 0x3D};

    /** The definition of §5.3, one byte at a time: octet i is XORed with key octet (i mod 4). */
    private static byte[] naiveMask(byte[] data, int from, int to, int offset) {
        byte[] out = data.clone();
        for (int i = from; i < to; i++) {
            out[i] = (byte) (data[i] ^ KEY_BYTES[(offset + i - from) % 4]);
        }
        return out;
    }

    private static ByteBuffer buffer(byte[] data, boolean direct, ByteOrder order) {
        ByteBuffer buf = direct ? ByteBuffer.allocateDirect(data.length) : ByteBuffer.allocate(data.length);
        buf.order(order).put(data).clear();
        return buf;
    }

    @Test
    void matchesBytewiseReferenceForAllSmallLengthsOffsetsAndAlignments() {
        Random random = new Random(42);
        for (boolean direct : new boolean[] {false, true}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                for (int length = 0; length <= 40; length++) {
                    for (int offset = 0; offset < 4; offset++) {
                        for (int from = 0; from < 9; from++) {
                            byte[] data = new byte[from + length + 5];
                            random.nextBytes(data);
                            ByteBuffer buf = buffer(data, direct, order);
                            buf.position(2).limit(data.length - 1);
                            Masker.mask(buf, from, from + length, KEY, offset);
                            String where = "direct=" + direct + " order=" + order + " length=" + length
                                    + " offset=" + offset + " from=" + from;
                            assertArrayEquals(naiveMask(data, from, from + length, offset),
                                    RecordingHandler.bytes(buf.clear()), where);
                            assertEquals(0, buf.position(), where);
                        }
                    }
                }
            }
        }
    }

    @Test
    void leavesPositionAndLimitAlone() {
        ByteBuffer buf = ByteBuffer.allocate(32);
        buf.position(3).limit(30);
        Masker.mask(buf, 5, 29, KEY, 1);
        assertEquals(3, buf.position());
        assertEquals(30, buf.limit());
    }

    @Test
    void maskingTwiceRestoresTheBytes() {
        byte[] data = new byte[1000];
        new Random(7).nextBytes(data);
        ByteBuffer buf = ByteBuffer.wrap(data.clone());
        Masker.mask(buf, 13, 997, KEY, 2);
        Masker.mask(buf, 13, 997, KEY, 2);
        assertArrayEquals(data, buf.array());
    }

    @Test
    void maskingInPiecesEqualsMaskingAtOnce() {
        byte[] data = new byte[100];
        new Random(9).nextBytes(data);
        ByteBuffer whole = ByteBuffer.wrap(data.clone());
        Masker.mask(whole, 0, 100, KEY, 0);
        ByteBuffer pieces = ByteBuffer.wrap(data.clone());
        int phase = 0;
        for (int[] piece : new int[][] {{0, 3}, {3, 4}, {4, 17}, {17, 18}, {18, 100}}) {
            Masker.mask(pieces, piece[0], piece[1], KEY, phase);
            phase = Masker.phaseAfter(phase, piece[1] - piece[0]);
        }
        assertArrayEquals(whole.array(), pieces.array());
    }

    @Test
    void rotateBringsTheOffsetByteToTheTop() {
        assertEquals(0x37FA213D, Masker.rotate(KEY, 0));
        assertEquals(0xFA213D37, Masker.rotate(KEY, 1));
        assertEquals(0x213D37FA, Masker.rotate(KEY, 2));
        assertEquals(0x3D37FA21, Masker.rotate(KEY, 3));
    }

    @Test
    void refusesBadArguments() {
        ByteBuffer buf = ByteBuffer.allocate(8).limit(6);
        assertThrows(IndexOutOfBoundsException.class, () -> Masker.mask(buf, 0, 7, KEY, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> Masker.mask(buf, 4, 3, KEY, 0));
        assertThrows(IllegalArgumentException.class, () -> Masker.mask(buf, 0, 4, KEY, 4));
    }
}
