package dev.ondine.impl.protocol.deflate;

import java.nio.ByteBuffer;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The last bytes of one direction's uncompressed stream, up to a capacity: what a
 * compressor or decompressor rebuilt after an idle release needs as its preset dictionary
 * so that the LZ77 window both sides share (RFC 7692 §7.2.1, §7.2.2: "context takeover")
 * goes on as if zlib had been kept.
 *
 * <p>It holds only what went through: a ring that grows (doubling, from 256 bytes) up to
 * the capacity, so a connection that sent three small messages keeps a few hundred bytes,
 * not a window. {@link #compact()} trims it to an array of exactly its size, for an idle
 * connection. Not thread-safe: used under the lock of its direction.
 */
final class DeflateHistory {
    private static final byte[] NONE = new byte[0];
    private static final int FIRST_RING = 256;

    private final int capacity;
    private byte[] ring = NONE;
    /** Index of the oldest byte in {@link #ring}. */
    private int start;
    private int size;

    /** @param capacity the most bytes kept, the window the dictionary must cover */
    DeflateHistory(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
    }

    int size() {
        return size;
    }

    int capacity() {
        return capacity;
    }

    /** Bytes of heap this history holds now (its array). */
    int retainedBytes() {
        return ring.length;
    }

    /** Appends the remaining bytes of {@code data}; its position is not changed. */
    void append(ByteBuffer data) {
        int n = data.remaining();
        int from = data.position();
        if (n >= capacity) { // only the last window matters
            from += n - capacity;
            n = capacity;
        }
        if (n == 0) {
            return;
        }
        int needed = Math.min(capacity, size + n);
        if (ring.length < needed) {
            grow(needed);
        }
        int end = (start + size) % ring.length;
        int first = Math.min(n, ring.length - end);
        data.get(from, ring, end, first);
        if (first < n) {
            data.get(from + first, ring, 0, n - first);
        }
        size += n;
        if (size > ring.length) { // the oldest bytes were overwritten
            start = (start + size - ring.length) % ring.length;
            size = ring.length;
        }
    }

    private void grow(int needed) {
        int length = Math.min(capacity, Math.max(needed, Math.max(FIRST_RING, ring.length * 2)));
        ring = linear(length);
        start = 0;
    }

    /** The bytes, oldest first, in a new array of {@code length} (at least {@link #size}). */
    private byte[] linear(int length) {
        byte[] out = new byte[length];
        int first = Math.min(size, ring.length - start);
        System.arraycopy(ring, start, out, 0, first);
        System.arraycopy(ring, 0, out, first, size - first);
        return out;
    }

    /** Keeps the bytes in an array of exactly their number, oldest first (an idle connection). */
    void compact() {
        if (ring.length != size || start != 0) {
            ring = size == 0 ? NONE : linear(size);
            start = 0;
        }
    }

    /** Moves the oldest byte to index 0, keeping the array's length. */
    private void unwrap() {
        if (start != 0) {
            ring = linear(ring.length);
            start = 0;
        }
    }

    /** Forgets everything. */
    void clear() {
        ring = NONE;
        start = 0;
        size = 0;
    }

    /** Gives a new compressor these bytes as its preset dictionary (raw DEFLATE allows one, zlib §deflateSetDictionary). */
    void presetOn(Deflater deflater) {
        if (size > 0) {
            unwrap();
            deflater.setDictionary(ring, 0, size);
        }
    }

    /** Gives a new or reset decompressor these bytes as the window the peer's back-references reach into. */
    void presetOn(Inflater inflater) {
        if (size > 0) {
            unwrap();
            inflater.setDictionary(ring, 0, size);
        }
    }

    /** The bytes, oldest first (tests). */
    byte[] toArray() {
        return linear(size);
    }
}
