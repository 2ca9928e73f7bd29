package dev.ondine.impl.protocol;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The masking transform of RFC 6455 §5.3: octet {@code i} of the payload is XORed with octet
 * {@code i mod 4} of the 32-bit masking key. Masking and unmasking are the same operation.
 *
 * <p>The key is passed as a big-endian int: its most significant byte is the first mask
 * byte on the wire (§5.2, "Masking-key"). A payload may be processed in pieces; the
 * <em>mask offset</em> (0..3) says which key byte applies to the first byte of a piece, and
 * {@link #phaseAfter(int, long)} gives the offset for the next piece.
 */
public final class Masker {

    private Masker() {
    }

    /**
     * XORs bytes {@code [from, to)} of {@code buf} in place with the masking key (§5.3).
     * Indices are absolute; the buffer's position and limit are not changed. Works on heap
     * and direct buffers of either byte order; eight bytes are processed at a time.
     *
     * @param buf the bytes to mask or unmask; must be writable
     * @param from first index, inclusive
     * @param to last index, exclusive; {@code from <= to <= buf.limit()}
     * @param maskKey the four key bytes, first wire byte most significant
     * @param maskOffset index (0..3) into the key of the byte that applies to {@code from}
     */
    public static void mask(ByteBuffer buf, int from, int to, int maskKey, int maskOffset) {
        if (from < 0 || from > to || to > buf.limit()) {
            throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") outside limit " + buf.limit());
        }
        if (maskOffset < 0 || maskOffset > 3) {
            throw new IllegalArgumentException("mask offset " + maskOffset + " not in 0..3");
        }
        // Key byte for index `from` is now the most significant byte.
        int key = rotate(maskKey, maskOffset);
        int i = from;
        if (to - from >= Long.BYTES) {
            long wide = widen(key);
            if (buf.order() == ByteOrder.LITTLE_ENDIAN) {
                wide = Long.reverseBytes(wide);
            }
            // Eight bytes span two whole key periods, so the phase is the same after each step.
            int lastStart = to - Long.BYTES;
            for (; i <= lastStart; i += Long.BYTES) {
                buf.putLong(i, buf.getLong(i) ^ wide);
            }
        }
        for (; i < to; i++) {
            buf.put(i, (byte) (buf.get(i) ^ (key >>> 24)));
            key = Integer.rotateLeft(key, 8);
        }
    }

    /**
     * The key as seen from phase {@code maskOffset}: rotated so that key byte
     * {@code maskOffset} becomes the most significant byte.
     */
    public static int rotate(int maskKey, int maskOffset) {
        return Integer.rotateLeft(maskKey, (maskOffset & 3) * Byte.SIZE);
    }

    /** The mask offset that applies after {@code count} more bytes have been masked (§5.3: j = i mod 4). */
    public static int phaseAfter(int maskOffset, long count) {
        return (int) ((maskOffset + count) & 3);
    }

    /** The key repeated twice in a long, big-endian: the pattern for eight consecutive bytes. */
    private static long widen(int key) {
        return ((long) key << 32) | (key & 0xFFFF_FFFFL);
    }
}
