package dev.ondine.impl.transport.nio;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A small process-wide pool of heap buffers for TLS records: a connection borrows one while
 * it holds wrapped bytes the socket has not taken, or part of a record it has not yet
 * received whole, and gives it back as soon as it is empty. An idle TLS connection holds none.
 *
 * <p>Pooled buffers have {@link #RECORD_BYTES}, enough for one TLS record as the JDK sizes it
 * ({@code SSLSession.getPacketBufferSize()}, 16 709 bytes); an engine that asks for more gets
 * a buffer outside the pool.
 */
final class TlsBuffers {
    /** Capacity of pooled buffers: one TLS record with its header, MAC and padding. */
    static final int RECORD_BYTES = 17 * 1024;
    /** Buffers kept for reuse at most (about 4.3 MiB). */
    private static final int MAX_POOLED = 256;

    private static final ArrayDeque<ByteBuffer> POOL = new ArrayDeque<>();

    private TlsBuffers() {
    }

    /** A cleared buffer of at least {@code minCapacity} bytes. */
    static ByteBuffer acquire(int minCapacity) {
        if (minCapacity <= RECORD_BYTES) {
            ByteBuffer b;
            synchronized (POOL) {
                b = POOL.pollFirst();
            }
            if (b != null) {
                b.clear();
                return b;
            }
            return ByteBuffer.allocate(RECORD_BYTES);
        }
        return ByteBuffer.allocate(minCapacity);
    }

    /** Gives {@code b} back (null is ignored); the caller must not use it afterwards. */
    static void release(ByteBuffer b) {
        if (b == null || b.capacity() != RECORD_BYTES) {
            return;
        }
        synchronized (POOL) {
            if (POOL.size() < MAX_POOLED) {
                POOL.addFirst(b);
            }
        }
    }

    /** A buffer holding {@code old}'s unread bytes (flipped mode) in write mode, with room for {@code minCapacity}. */
    static ByteBuffer grow(ByteBuffer old, int minCapacity) {
        ByteBuffer b = acquire(Math.max(minCapacity, old.capacity() * 2));
        b.put(old);
        release(old);
        return b;
    }
}
